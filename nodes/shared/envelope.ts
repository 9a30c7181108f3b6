import type { IDataObject } from 'n8n-workflow';

export const OCPI_SUCCESS = 1000;

export interface EnvelopeStatus {
	code: number;
	message: string;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The OCPI status of an enveloped body ("1000" and 1000 alike), or undefined for a bare body. */
export function envelopeStatus(body: unknown): EnvelopeStatus | undefined {
	if (!isObject(body)) return undefined;
	// Batch-configuration responses carry the OCPI code in `status` instead of `status_code`.
	const raw = body.status_code ?? (typeof body.timestamp === 'string' ? body.status : undefined);
	if (raw === undefined || raw === null || raw === '') return undefined;
	const code = Number(raw);
	if (!Number.isFinite(code)) return undefined;
	const message = body.status_message;
	return { code, message: typeof message === 'string' ? message : '' };
}

/** The `data` of an OCPI envelope, or the body itself when it is not enveloped. */
export function unwrapEnvelope(body: unknown): unknown {
	if (
		envelopeStatus(body) === undefined &&
		!(isObject(body) && 'data' in body && 'timestamp' in body)
	) {
		return body;
	}
	const envelope = body as IDataObject;
	if ('data' in envelope) return envelope.data;
	// One published Remote Commands example spells `data` as `date`.
	if (isObject(envelope.date)) return envelope.date;
	return undefined;
}

/** A list whatever GreenFlux sent: array, single object or nothing. */
export function asList(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isObject);
	if (isObject(data)) return [data];
	return [];
}

/** A single object whatever GreenFlux sent: object, one-element array or nothing. */
export function asSingle(data: unknown): IDataObject | undefined {
	if (Array.isArray(data)) return data.find(isObject);
	return isObject(data) ? data : undefined;
}
