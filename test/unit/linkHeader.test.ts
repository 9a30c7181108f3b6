import { describe, expect, it } from '@jest/globals';

import { nextLink, splitLink } from '../../nodes/shared/linkHeader';

describe('Link header', () => {
	it('finds rel="next" among several links', () => {
		expect(nextLink('</api/2.0/cdrs?continuation_token=abc123xyz>; rel="next"')).toBe(
			'/api/2.0/cdrs?continuation_token=abc123xyz',
		);
		expect(nextLink('<https://x/a?offset=0>; rel="prev", <https://x/a?offset=10>; rel=next')).toBe(
			'https://x/a?offset=10',
		);
		expect(nextLink(undefined)).toBeUndefined();
		expect(nextLink('<https://x/a>; rel="prev"')).toBeUndefined();
	});

	it('resolves relative and absolute targets against the API base', () => {
		expect(
			splitLink('/api/1.0/cdrs?offset=10&limit=5', 'https://platform-a.greenflux.com'),
		).toEqual({
			path: '/api/1.0/cdrs',
			qs: { offset: '10', limit: '5' },
		});
		expect(splitLink('https://gw.example/ca/locations?page=2', 'https://gw.example/ca')).toEqual({
			path: '/locations',
			qs: { page: '2' },
		});
	});
});
