import { OCPI_CLIENT_ERROR, reject, type PushRejection } from './ocpi';

export type PushMethod = 'POST' | 'PUT' | 'PATCH';

/** What one push module accepts after `<webhook URL>/<module>`. */
export interface PushModuleRule {
	methods: PushMethod[];
	minSegments: number;
	maxSegments: number;
	/** What GreenFlux appends to the base URL, for error messages ('' when nothing). */
	suffix: string;
}

export interface PushRoute<M extends string = string> {
	module: M;
	method: PushMethod;
	/** Path segments GreenFlux appended after the module's base URL (decoded). */
	segments: string[];
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The module and the appended segments of a request path. The path is read from the request rather
 * than from n8n's route parameters because n8n's test webhooks (`/webhook-test/…`) are keyed by
 * method + webhookId + segment count only: two modules' templates with the same segment count share
 * one key there, so the template n8n reports — and the parameter names — can be the other module's.
 * The segment after the node's webhookId is always the module.
 */
export function splitPushPath(
	requestPath: string,
	webhookId: string | undefined,
	moduleNames: readonly string[],
): { module: string; segments: string[] } | undefined {
	const segments = requestPath
		.split('?')[0]
		.split('/')
		.filter((s) => s !== '')
		.map(decodeSegment);
	let start = webhookId ? segments.lastIndexOf(webhookId) + 1 : 0;
	if (start === 0) {
		// No webhookId in the path (should not happen in n8n): the first segment naming a module.
		start = segments.findIndex((s) => moduleNames.includes(s.toLowerCase()));
		if (start < 0) return undefined;
	}
	const [module, ...rest] = segments.slice(start);
	return module === undefined ? undefined : { module: module.toLowerCase(), segments: rest };
}

/**
 * Checks module, method and segment count against the trigger's rules; answers 404/405 with an OCPI
 * envelope otherwise. `describeUrls` tells a caller of an unknown URL which URLs the trigger receives.
 */
export function routePush<M extends string>(
	method: string,
	requestPath: string,
	webhookId: string | undefined,
	rules: Record<M, PushModuleRule>,
	describeUrls: string,
): PushRoute<M> | PushRejection {
	const modules = Object.keys(rules);
	const split = splitPushPath(requestPath, webhookId, modules);
	if (!split || !modules.includes(split.module)) {
		return reject(
			404,
			OCPI_CLIENT_ERROR,
			`Not a GreenFlux push URL: the trigger receives ${describeUrls}`,
		);
	}
	const module = split.module as M;
	const rule = rules[module];
	const upper = method.toUpperCase() as PushMethod;
	if (!rule.methods.includes(upper)) {
		return reject(
			405,
			OCPI_CLIENT_ERROR,
			`GreenFlux ${module} pushes use ${rule.methods.join(' or ')}, not ${method.toUpperCase()}`,
		);
	}
	const count = split.segments.length;
	if (count < rule.minSegments || count > rule.maxSegments) {
		const expected =
			rule.suffix === ''
				? `nothing after /${module}`
				: `${rule.suffix} after /${module} (GreenFlux appends it to the base URL ending in /${module})`;
		return reject(
			404,
			OCPI_CLIENT_ERROR,
			`Unexpected push URL for ${module}: expected ${expected}`,
		);
	}
	return { module, method: upper, segments: split.segments };
}
