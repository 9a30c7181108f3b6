/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
import { appendFileSync } from 'node:fs';

export interface LoggedRequest {
	ts: string;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	ocpiStatus?: number;
	api?: 'platform' | 'chargeAssist';
	fault?: string;
	/** JSON request bodies (small ones), for contract checks. Keys and tokens are never logged. */
	body?: unknown;
}

/** Appends one JSON line per served request to the file named by GREENFLUX_SANDBOX_LOG (or the given file). */
export class RequestLog {
	readonly entries: LoggedRequest[] = [];

	constructor(private readonly file: string | undefined) {}

	write(entry: LoggedRequest): void {
		this.entries.push(entry);
		if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
	}
}
