/**
 * Fault injection. A rule matches requests by method and path (a regular expression, case-insensitive)
 * and applies `times` times (default: always). Rules come from `--faults` at start (the whole run)
 * or from `POST /__sandbox/faults` (per test).
 */
export interface FaultRule {
	method?: string;
	path?: string;
	/** status: HTTP status with an OCPI envelope; ocpi: HTTP 200 with status_code; slow: delay then serve; drop: destroy the socket; truncate: cut the JSON body. */
	kind: 'status' | 'ocpi' | 'slow' | 'drop' | 'truncate';
	status?: number;
	retryAfter?: string;
	code?: number;
	message?: string;
	delayMs?: number;
	times?: number;
}

export class Faults {
	private rules: Array<FaultRule & { remaining: number }> = [];

	add(rules: FaultRule | FaultRule[]): void {
		for (const rule of Array.isArray(rules) ? rules : [rules]) {
			this.rules.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
		}
	}

	clear(): void {
		this.rules = [];
	}

	/** The first rule for this request that still applies (it is used up once). */
	take(method: string, path: string): FaultRule | undefined {
		const rule = this.rules.find(
			(r) =>
				r.remaining > 0 &&
				(!r.method || r.method.toUpperCase() === method) &&
				(!r.path || new RegExp(r.path, 'i').test(path)),
		);
		if (rule) rule.remaining -= 1;
		return rule;
	}
}
