import type { IDataObject } from 'n8n-workflow';

import { asList } from './envelope';
import { nextLink, splitLink } from './linkHeader';
import type { GreenFluxResponse } from './transport';

/**
 * offset: `offset` + page size, following `Link rel="next"` when GreenFlux sends one, else stopping on a short page.
 * cursor: follow `Link rel="next"` (CDR v2 `continuation_token`, single-station notifications `continuationToken`).
 * chargeAssist: `continuationToken` taken from `meta.continuationToken`, sent as a request header (or
 * as a query parameter where `continuationTokenIn` says so), until `meta.hasMoreData` is false.
 */
export type PaginationKind = 'offset' | 'cursor' | 'chargeAssist';

export interface PageSpec {
	kind: PaginationKind;
	/** Query parameter carrying the page size (e.g. `limit`). */
	pageSizeParam?: string;
	maxPageSize: number;
	/** GreenFlux rejects smaller pages (notifications, meter values: 10,000). */
	minPageSize?: number;
	/** Where the page size and offset go (default query; a POST query may take them in its JSON body). */
	paramsIn?: 'query' | 'body';
	/** chargeAssist: where the continuation token goes (default the `continuationToken` request header). */
	continuationTokenIn?: 'header' | 'query';
}

export interface PageRequest {
	path: string;
	qs: IDataObject;
	headers: IDataObject;
	body?: IDataObject;
}

export type PageSender = (request: PageRequest) => Promise<GreenFluxResponse>;

export class RepeatedPageError extends Error {}

function pageSize(spec: PageSpec, remaining: number): number {
	const wanted = Math.min(spec.maxPageSize, remaining);
	return Math.max(wanted, spec.minPageSize ?? 1);
}

/**
 * Yields the items of each page until the end or until `max` items were yielded, never requesting more
 * than needed. Callers that stream (exports) keep no earlier page; `fetchPages` collects them.
 */
export async function* iteratePages(
	send: PageSender,
	start: PageRequest,
	spec: PageSpec,
	max: number | undefined,
	extract: (response: GreenFluxResponse) => IDataObject[] = (response) => asList(response.data),
): AsyncGenerator<IDataObject[]> {
	let yielded = 0;
	const inBody = spec.paramsIn === 'body';
	let request: PageRequest = {
		path: start.path,
		qs: { ...start.qs },
		headers: { ...start.headers },
		...(inBody
			? { body: { ...start.body } }
			: start.body === undefined
				? {}
				: { body: start.body }),
	};
	const params = () => (inBody ? request.body! : request.qs);
	if (spec.kind === 'offset' && params().offset === undefined) params().offset = 0;
	let serverSendsLinks = false;
	const seen = new Set<string>();

	for (;;) {
		const remaining = max === undefined ? Number.POSITIVE_INFINITY : max - yielded;
		if (remaining <= 0) return;
		const size = pageSize(spec, remaining);
		if (spec.pageSizeParam) params()[spec.pageSizeParam] = size;
		const key = JSON.stringify(request);
		if (seen.has(key)) {
			throw new RepeatedPageError(`GreenFlux sent the same next-page link twice (${request.path})`);
		}
		seen.add(key);

		const response = await send(request);
		const page = extract(response);
		const kept = max === undefined ? page : page.slice(0, max - yielded);
		yielded += kept.length;
		yield kept;
		if (max !== undefined && yielded >= max) return;

		if (spec.kind === 'chargeAssist') {
			const meta = ((response.body as IDataObject | undefined)?.meta ?? {}) as IDataObject;
			const token = meta.continuationToken;
			if (!token || meta.hasMoreData === false || page.length === 0) return;
			request =
				spec.continuationTokenIn === 'query'
					? { ...request, qs: { ...request.qs, continuationToken: String(token) } }
					: { ...request, headers: { ...request.headers, continuationToken: String(token) } };
			continue;
		}
		const link = nextLink(response.headers.link);
		if (link) {
			serverSendsLinks = true;
			const next = splitLink(link, response.baseUrl);
			request = { ...request, path: next.path, qs: next.qs };
			continue;
		}
		if (spec.kind === 'cursor' || serverSendsLinks) return;
		if (page.length === 0 || page.length < size) return;
		const offset = Number(params().offset ?? 0) + page.length;
		request = inBody
			? { ...request, body: { ...request.body, offset } }
			: { ...request, qs: { ...request.qs, offset } };
	}
}

/** Every item of `iteratePages` in one list. */
export async function fetchPages(
	send: PageSender,
	start: PageRequest,
	spec: PageSpec,
	max: number | undefined,
	extract?: (response: GreenFluxResponse) => IDataObject[],
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for await (const page of iteratePages(send, start, spec, max, extract)) items.push(...page);
	return items;
}
