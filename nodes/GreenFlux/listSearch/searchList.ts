import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { asList } from '../../shared/envelope';
import { greenFluxRequest } from '../../shared/transport';

export interface ListSearchSource {
	/** GreenFlux module, for error messages. */
	module: string;
	path: string;
	qs?: IDataObject;
	pageSize: number;
	toResult(item: IDataObject): INodeListSearchItems;
	/** Text the search filter is matched against (besides name and value). */
	searchText?(item: IDataObject): string;
}

/** Pages read for one list-search call when a filter hides every entry of a page. */
const MAX_PAGES_PER_SEARCH = 5;

/**
 * List search over an offset-paged GreenFlux list, through the same transport as the operations.
 * GreenFlux has no name search, so the filter is applied to each page here; the pagination token is the next offset.
 */
export async function searchList(
	this: ILoadOptionsFunctions,
	source: ListSearchSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	let offset = Number(paginationToken ?? 0) || 0;
	const results: INodeListSearchItems[] = [];
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const response = await greenFluxRequest.call(this, {
			api: 'platform',
			module: source.module,
			method: 'GET',
			path: source.path,
			qs: { ...source.qs, offset, limit: source.pageSize },
		});
		const items = asList(response.data);
		offset += items.length;
		for (const item of items) {
			const result = source.toResult(item);
			const text =
				`${result.name} ${String(result.value)} ${source.searchText?.(item) ?? ''}`.toLowerCase();
			if (needle === '' || text.includes(needle)) results.push(result);
		}
		if (items.length < source.pageSize) return { results };
		if (results.length > 0) break;
	}
	return { results, paginationToken: String(offset) };
}

/** A list-search method (`methods.listSearch`) over one GreenFlux list. */
export function listSearchMethod(source: ListSearchSource) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList.call(this, source, filter, paginationToken);
	};
}
