import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { asList } from './envelope';
import type { ApiProfileName } from './profiles';
import { greenFluxRequest } from './transport';

export interface ListSearchSource {
	/** API profile of the list (default platform). */
	api?: ApiProfileName;
	/** GreenFlux module, for error messages. */
	module: string;
	/** An offset-paged list. */
	path: string;
	qs?: IDataObject;
	pageSize: number;
	/**
	 * A narrower, unpaged request when another parameter of the node already says what to list (e.g. the
	 * EVSEs of the chosen location); undefined = the paged list.
	 */
	narrowed?(this: ILoadOptionsFunctions): { path: string; qs?: IDataObject } | undefined;
	/** The entries of one answer (default: the answer's data as a list). */
	entries?(data: unknown): IDataObject[];
	toResult(entry: IDataObject): INodeListSearchItems;
	/** Text the search filter is matched against (besides name and value). */
	searchText?(entry: IDataObject): string;
}

/** Pages read for one list-search call when a filter hides every entry of a page. */
const MAX_PAGES_PER_SEARCH = 5;

function matching(source: ListSearchSource, entries: IDataObject[], needle: string) {
	return entries.map(source.toResult).filter((result, index) => {
		const extra = source.searchText?.(entries[index]) ?? '';
		const text = `${result.name} ${String(result.value)} ${extra}`.toLowerCase();
		return needle === '' || text.includes(needle);
	});
}

/**
 * List search over a GreenFlux list, through the same transport as the operations. GreenFlux has no name
 * search, so the filter is applied to each page here; the pagination token is the next offset.
 */
export async function searchList(
	this: ILoadOptionsFunctions,
	source: ListSearchSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const api = source.api ?? 'platform';
	const { module } = source;
	const entriesOf = (data: unknown) => (source.entries ?? asList)(data);
	const narrowed = source.narrowed?.call(this);
	if (narrowed) {
		const response = await greenFluxRequest.call(this, { api, module, method: 'GET', ...narrowed });
		return { results: matching(source, entriesOf(response.data), needle) };
	}
	let offset = Number(paginationToken ?? 0) || 0;
	const results: INodeListSearchItems[] = [];
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const qs = { ...source.qs, offset, limit: source.pageSize };
		const response = await greenFluxRequest.call(this, {
			api,
			module,
			method: 'GET',
			path: source.path,
			qs,
		});
		const objects = asList(response.data);
		offset += objects.length;
		results.push(...matching(source, entriesOf(response.data), needle));
		if (objects.length < source.pageSize) return { results };
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
