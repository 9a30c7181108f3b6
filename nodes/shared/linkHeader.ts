/** The target of `Link: <…>; rel="next"`, or undefined. */
export function nextLink(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
	for (const part of value.split(/,(?=\s*<)/)) {
		const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
		if (match && /rel\s*=\s*"?next"?/i.test(match[2])) return match[1];
	}
	return undefined;
}

/** Splits a link target (absolute, or relative to the API base) into path and query. */
export function splitLink(
	link: string,
	baseUrl: string,
): { path: string; qs: Record<string, string> } {
	const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
	const url = new URL(link, base);
	let path = url.pathname;
	const basePath = base.pathname.replace(/\/$/, '');
	if (basePath && url.origin === base.origin && path.startsWith(`${basePath}/`)) {
		path = path.slice(basePath.length);
	}
	const qs: Record<string, string> = {};
	url.searchParams.forEach((value, key) => {
		qs[key] = value;
	});
	return { path, qs };
}
