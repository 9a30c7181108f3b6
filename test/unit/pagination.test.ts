import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fetchPages, type PageRequest, RepeatedPageError } from '../../nodes/shared/pagination';
import { backoffMs, retryAfterMs } from '../../nodes/shared/transport';

const ids = (n: number, start = 0) => Array.from({ length: n }, (_, i) => ({ id: start + i }));

function fakeServer(total: number, options: { link?: boolean } = {}) {
	const requests: PageRequest[] = [];
	const all = ids(total);
	const send = async (request: PageRequest) => {
		requests.push(request);
		const offset = Number(request.qs.offset ?? 0);
		const limit = Number(request.qs.limit);
		const data = all.slice(offset, offset + limit);
		const headers: IDataObject = {};
		if (options.link && offset + limit < total)
			headers.link = `</x?offset=${offset + limit}&limit=${limit}>; rel="next"`;
		return { data, body: { data }, headers, statusCode: 200, baseUrl: 'http://h' };
	};
	return { requests, send };
}

describe('pagination', () => {
	it('offset: Return All stops on a short page without Link headers', async () => {
		const server = fakeServer(25);
		const items = await fetchPages(
			server.send,
			{ path: '/x', qs: {}, headers: {} },
			{ kind: 'offset', pageSizeParam: 'limit', maxPageSize: 10 },
			undefined,
		);
		expect(items).toEqual(ids(25));
		expect(server.requests.map((r) => r.qs.offset)).toEqual([0, 10, 20]);
	});

	it('offset: follows Link and trusts its absence once the server sends links', async () => {
		const server = fakeServer(20, { link: true });
		const items = await fetchPages(
			server.send,
			{ path: '/x', qs: {}, headers: {} },
			{ kind: 'offset', pageSizeParam: 'limit', maxPageSize: 10 },
			undefined,
		);
		expect(items).toHaveLength(20);
		expect(server.requests).toHaveLength(2);
	});

	it('a limit asks only for what it needs and never more pages', async () => {
		const server = fakeServer(100, { link: true });
		const items = await fetchPages(
			server.send,
			{ path: '/x', qs: {}, headers: {} },
			{ kind: 'offset', pageSizeParam: 'limit', maxPageSize: 10 },
			5,
		);
		expect(items).toEqual(ids(5));
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].qs.limit).toBe(5);
	});

	it('a minimum page size is respected and the result cut to the limit', async () => {
		const server = fakeServer(50);
		const items = await fetchPages(
			server.send,
			{ path: '/x', qs: {}, headers: {} },
			{ kind: 'offset', pageSizeParam: 'limit', maxPageSize: 100, minPageSize: 20 },
			3,
		);
		expect(items).toHaveLength(3);
		expect(server.requests[0].qs.limit).toBe(20);
	});

	it('cursor: stops when no Link comes back', async () => {
		let calls = 0;
		const send = async (request: PageRequest) => {
			calls++;
			const token = request.qs.continuation_token;
			const data = token ? ids(2, 2) : ids(2);
			const headers: IDataObject = token
				? {}
				: { link: '</api/2.0/cdrs?continuation_token=t1&limit=2>; rel="next"' };
			return { data, body: {}, headers, statusCode: 200, baseUrl: 'http://h' };
		};
		const items = await fetchPages(
			send,
			{ path: '/api/2.0/cdrs', qs: {}, headers: {} },
			{ kind: 'cursor', pageSizeParam: 'limit', maxPageSize: 2 },
			undefined,
		);
		expect(items).toEqual(ids(4));
		expect(calls).toBe(2);
	});

	it('chargeAssist: passes meta.continuationToken as a header until hasMoreData is false', async () => {
		const seen: unknown[] = [];
		const send = async (request: PageRequest) => {
			seen.push(request.headers.continuationToken);
			const first = request.headers.continuationToken === undefined;
			const body = {
				data: first ? ids(2) : ids(1, 2),
				meta: { continuationToken: first ? 'n1' : '', hasMoreData: first },
			};
			return { data: body.data, body, headers: {}, statusCode: 200, baseUrl: 'http://h' };
		};
		const items = await fetchPages(
			send,
			{ path: '/favorites', qs: {}, headers: {} },
			{ kind: 'chargeAssist', maxPageSize: 50 },
			undefined,
			(r) => r.data as IDataObject[],
		);
		expect(items).toEqual(ids(3));
		expect(seen).toEqual([undefined, 'n1']);
	});

	it('refuses to loop on a server that repeats its next link', async () => {
		const send = async () => ({
			data: ids(2),
			body: {},
			headers: { link: '</x?offset=0&limit=2>; rel="next"' },
			statusCode: 200,
			baseUrl: 'http://h',
		});
		await expect(
			fetchPages(
				send,
				{ path: '/x', qs: {}, headers: {} },
				{ kind: 'offset', pageSizeParam: 'limit', maxPageSize: 2 },
				undefined,
			),
		).rejects.toBeInstanceOf(RepeatedPageError);
	});
});

describe('retry timing', () => {
	it('honours Retry-After in seconds or as an HTTP date, and backs off exponentially otherwise', () => {
		expect(retryAfterMs('1')).toBe(1000);
		expect(
			retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
		).toBe(10_000);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(backoffMs(0)).toBe(1000);
		expect(backoffMs(2)).toBe(4000);
		expect(backoffMs(0, 1000)).toBe(1000);
	});
});
