import type { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { formatQueryDate, splitIntoWindows } from './dateWindows';
import { iteratePages, type PageRequest, type PageSpec } from './pagination';
import {
	greenFluxRequest,
	type GreenFluxContext,
	type GreenFluxRequest,
	type GreenFluxResponse,
} from './transport';

/** A date range GreenFlux only serves in windows shorter than `maxHours`, sent as two query parameters. */
export interface DateWindowFetch {
	from: DateTime;
	to: DateTime;
	fromParam: string;
	toParam: string;
	maxHours: number;
}

/** A GreenFlux list read with values (no node parameters): actions, list searches and polls alike. */
export interface ListFetch {
	/** The first page's request; page size, offsets and tokens are added per page. */
	request: GreenFluxRequest;
	paging: PageSpec;
	/** At most this many items; undefined reads to the end. */
	max?: number;
	window?: DateWindowFetch;
	/** The items of one page (default: the response's data as a list). */
	extract?: (response: GreenFluxResponse) => IDataObject[];
}

/** Yields the list page by page (window by window), stopping at `max` items without over-fetching. */
export async function* iterateList(
	this: GreenFluxContext,
	fetch: ListFetch,
): AsyncGenerator<IDataObject[]> {
	const { request, paging, max, window, extract } = fetch;
	const send = async (page: PageRequest) =>
		await greenFluxRequest.call(this, {
			...request,
			path: page.path,
			qs: page.qs,
			headers: page.headers,
			body: page.body,
		});
	const start: PageRequest = {
		path: request.path,
		qs: request.qs ?? {},
		headers: request.headers ?? {},
		body: request.body as IDataObject | undefined,
	};
	if (!window) {
		yield* iteratePages(send, start, paging, max, extract);
		return;
	}
	let count = 0;
	for (const part of splitIntoWindows(window.from, window.to, window.maxHours * 3_600_000)) {
		const remaining = max === undefined ? undefined : max - count;
		if (remaining !== undefined && remaining <= 0) return;
		const qs = {
			...start.qs,
			[window.fromParam]: formatQueryDate(part.from),
			[window.toParam]: formatQueryDate(part.to),
		};
		for await (const page of iteratePages(send, { ...start, qs }, paging, remaining, extract)) {
			count += page.length;
			yield page;
		}
	}
}

/** Every item of `iterateList` in one list. */
export async function fetchList(this: GreenFluxContext, fetch: ListFetch): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for await (const page of iterateList.call(this, fetch)) items.push(...page);
	return items;
}
