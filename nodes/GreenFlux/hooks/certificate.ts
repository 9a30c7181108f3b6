import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationHook } from '../../shared/operations';
import { responseText } from './chargeStationConfiguration';
import { outputFileItem } from '../../shared/hooks/outputFile';

export const CERTIFICATE_FILES = {
	pem: { extension: 'pem', mimeType: 'application/x-pem-file' },
	crt: { extension: 'crt', mimeType: 'application/x-x509-ca-cert' },
} as const;

/**
 * The certificate text whatever way GreenFlux wraps it: plain PEM (declared `text/csv`), a JSON
 * string, or an envelope / object holding it.
 */
export function certificateText(data: unknown): string {
	const text = responseText(data).trim();
	if (!/^["{]/.test(text)) return text;
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed === 'string') return parsed.trim();
		const object = (parsed ?? {}) as IDataObject;
		for (const value of [
			object.data,
			object.certificate,
			(object.data as IDataObject | undefined)?.certificate,
		]) {
			if (typeof value === 'string') return value.trim();
		}
	} catch {
		// Not JSON after all: the text is the certificate.
	}
	return text;
}

/** Get Root Certificate: `{ certificate }`, or a .pem/.crt file in a binary field. */
export const rootCertificateHook: OperationHook = async function (
	this: IExecuteFunctions,
	context,
) {
	const response = await context.send(context.request);
	const certificate = `${certificateText(response.data)}\n`;
	const output = String(context.values.output ?? 'text');
	if (output !== 'pem' && output !== 'crt') return [{ json: { certificate: certificate.trim() } }];
	const { extension, mimeType } = CERTIFICATE_FILES[output];
	const fileName = `greenflux-root-certificate.${extension}`;
	return [
		await outputFileItem.call(
			this,
			context,
			{ content: certificate, fileName, mimeType },
			{ fileName },
		),
	];
};
