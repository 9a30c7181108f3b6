// The sandbox serves list pages from a cache (test/sandbox/pageCache.ts): pages must be exactly what
// the uncached control routes say, and a change must show on the next request.
import { request } from 'undici';

import { KEYS, useSandbox } from './helpers';

const sandbox = useSandbox({ scale: 2 });

interface Listed {
	id: string;
	charge_station_id?: string;
}
interface Envelope {
	data: Listed[];
	status_code: number;
}

async function getJson<T = Envelope>(path: string): Promise<{ body: T; link?: string }> {
	const res = await request(`${sandbox().url}${path}`, {
		headers: { authorization: `Token ${KEYS.full}` },
	});
	const body = (await res.body.json()) as T;
	if (
		res.statusCode !== 200 ||
		(path.startsWith('/api/') && (body as Envelope).status_code !== 1000)
	)
		throw new Error(`${path}: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
	const link = res.headers.link;
	return { body, link: typeof link === 'string' ? /^<([^>]+)>/.exec(link)?.[1] : undefined };
}

async function pullAll(first: string): Promise<string[]> {
	const ids: string[] = [];
	for (let next: string | undefined = first; next; ) {
		const page: { body: Envelope; link?: string } = await getJson(next);
		ids.push(...page.body.data.map((o) => o.id));
		next = page.link;
	}
	return ids;
}

describe('sandbox page cache', () => {
	const range = 'date_from=2026-10-05T00:00:00Z&date_to=2026-10-20T00:00:00Z';

	it('serves, through v1 and v2 paging, exactly the CDRs the uncached control route lists', async () => {
		const expected = (await getJson<Listed[]>(`/__sandbox/cdrs?${range}`)).body.map((c) => c.id);
		expect(expected.length).toBeGreaterThan(250);
		for (let pass = 0; pass < 2; pass++) {
			expect(await pullAll(`/api/1.0/cdrs?${range}&limit=100`)).toEqual(expected);
			expect(await pullAll(`/api/2.0/cdrs?${range}&limit=100`)).toEqual(expected);
		}
	});

	it('answers a cached page with the same body, only a new timestamp', async () => {
		const first = (await getJson(`/api/1.0/cdrs?${range}&limit=50&offset=50`)).body;
		const second = (await getJson(`/api/1.0/cdrs?${range}&limit=50&offset=50`)).body;
		expect(second.data).toEqual(first.data);
		expect(second.status_code).toBe(1000);
	});

	it('shows a change on the next request', async () => {
		const path =
			'/api/1.0/chargestationnotifications?date_from=2026-10-31T00:00:00Z&date_to=2026-11-01T00:00:00Z&limit=10000';
		const before = (await getJson(path)).body.data;
		const station = (await getJson<Listed[]>('/__sandbox/chargestations')).body[0];
		const res = await request(`${sandbox().url}/__sandbox/notifications`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify([
				{ charge_station_id: station.charge_station_id, created: '2026-10-31T12:00:00Z' },
			]),
		});
		const added = (await res.body.json()) as Listed[];
		expect(res.statusCode).toBe(200);
		const after = (await getJson(path)).body.data;
		expect(after.map((n) => n.id).sort()).toEqual(
			[...before.map((n) => n.id), ...added.map((n) => n.id)].sort(),
		);
	});
});
