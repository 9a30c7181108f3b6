import type { IDataObject } from 'n8n-workflow';

type Flat = string | number | boolean | null;

/** A scalar as-is; missing, empty-string or non-scalar values become null (GreenFlux sends "" for absent values). */
export function valueOf(value: unknown): Flat {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	return null;
}

/** The value when it is an object, else an empty object (GreenFlux sometimes sends "" or null instead). */
export function objectOf(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/** The first element when the value is a non-empty array of objects, else an empty object. */
export function firstOf(value: unknown): IDataObject {
	return Array.isArray(value) && value.length > 0 ? objectOf(value[0]) : {};
}
