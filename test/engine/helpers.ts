import { afterAll, beforeAll } from '@jest/globals';
import type {
	IBinaryData,
	IBinaryKeyData,
	ICredentialType,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { GreenFluxChargeAssistApi } from '../../credentials/GreenFluxChargeAssistApi.credentials';
import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { GreenFlux } from '../../nodes/GreenFlux/GreenFlux.node';
import { GreenFluxChargeAssist } from '../../nodes/GreenFluxChargeAssist/GreenFluxChargeAssist.node';
import { GreenFluxEmsp } from '../../nodes/GreenFluxEmsp/GreenFluxEmsp.node';
import { GreenFluxSmartCharging } from '../../nodes/GreenFluxSmartCharging/GreenFluxSmartCharging.node';
import type { FaultRule } from '../sandbox/faults';
import type { LoggedRequest } from '../sandbox/requestLog';
import { type Sandbox, startSandbox } from '../sandbox/server';
import type { SandboxOptions } from '../sandbox/state';
import { runNode, type RunNodeResult } from './harness';

export const KEYS = {
	full: 'gfx-sandbox-full',
	readOnly: 'gfx-sandbox-readonly',
	cdrOnly: 'gfx-sandbox-cdr-only',
	locationsOnly: 'gfx-sandbox-locations-only',
	chargeAssist: 'gfx-sandbox-charge-assist',
	wrong: 'gfx-wrong-token-123',
} as const;

/** A fixed anchor so that every run sees the same seeded data. */
export const ANCHOR = '2026-11-01T00:00:00Z';

/** Starts a sandbox for the test file (port 0) and stops it afterwards. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, anchor: ANCHOR, commandDelayMs: 300, ...options });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => sandbox!;
}

export interface GreenFluxRun extends RunNodeResult {
	/** Requests the sandbox served during this run. */
	requests: LoggedRequest[];
	json: IDataObject[];
}

/** Runs the GreenFlux node with a Platform credential for the sandbox (Custom environment). */
export async function runGreenFlux(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: {
		key?: string;
		inputItems?: IDataObject[];
		inputBinary?: Array<IBinaryKeyData | undefined>;
		continueOnFail?: boolean;
		nodeType?: INodeType;
		credentialName?: string;
		credentialType?: ICredentialType;
	} = {},
): Promise<GreenFluxRun> {
	const before = sandbox.log.entries.length;
	const result = await runNode({
		nodeType: options.nodeType ?? new GreenFlux(),
		parameters,
		credentials: {
			[options.credentialName ?? 'greenFluxPlatformApi']: {
				environment: 'custom',
				url: sandbox.url,
				token: options.key ?? KEYS.full,
				apiKey: options.key ?? KEYS.chargeAssist,
				headerStyle: 'apiKey',
			},
		},
		credentialTypes: [
			options.credentialType ?? new GreenFluxPlatformApi(),
			new GreenFluxChargeAssistApi(),
		],
		inputItems: options.inputItems,
		inputBinary: options.inputBinary,
		continueOnFail: options.continueOnFail,
	});
	return {
		...result,
		requests: sandbox.log.entries.slice(before),
		json: result.items.map((i) => i.json),
	};
}

/** One input file for `inputBinary`, e.g. `{ data: binaryFile('a;b', 'batch.csv', 'text/csv') }`. */
export function binaryFile(
	content: string | Buffer,
	fileName: string,
	mimeType: string,
): IBinaryData {
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const dot = fileName.lastIndexOf('.');
	return {
		data: bytes.toString('base64'),
		fileName,
		mimeType,
		fileSize: String(bytes.length),
		...(dot > 0 ? { fileExtension: fileName.slice(dot + 1) } : {}),
	};
}

/** The bytes of an output item's binary property (in-memory binary data, as engine tests run it). */
export function binaryContent(binary: IBinaryData | undefined): Buffer {
	if (!binary) throw new Error('The item has no binary data in that field');
	return Buffer.from(binary.data, 'base64');
}

export async function addFault(sandbox: Sandbox, rule: FaultRule): Promise<void> {
	sandbox.faults.add(rule);
}

/** Everything an error could leak, as one string. */
export function serialised(value: unknown): string {
	const seen = new WeakSet();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return undefined;
			seen.add(v);
			if (v instanceof Error)
				return {
					...v,
					message: v.message,
					stack: v.stack,
					description: (v as { description?: string }).description,
				};
		}
		return v;
	});
}

/** Runs the GreenFlux Charge Assist node with a Charge Assist credential for the sandbox (Custom URL). */
export async function runChargeAssist(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: { key?: string; inputItems?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<GreenFluxRun> {
	return await runGreenFlux(sandbox, parameters, {
		...options,
		key: options.key ?? KEYS.chargeAssist,
		nodeType: new GreenFluxChargeAssist(),
		credentialName: 'greenFluxChargeAssistApi',
		credentialType: new GreenFluxChargeAssistApi(),
	});
}

/** The sandbox key with only the Smart Charging module (read, write, delete). */
export const SMART_CHARGING_KEY = 'gfx-sandbox-smart-charging';

/** Runs the GreenFlux Smart Charging node with a Platform credential for the sandbox (Smart Charging key by default). */
export async function runSmartCharging(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: { key?: string; inputItems?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<GreenFluxRun> {
	return await runGreenFlux(sandbox, parameters, {
		...options,
		key: options.key ?? SMART_CHARGING_KEY,
		nodeType: new GreenFluxSmartCharging(),
	});
}

/** The sandbox key with the eMSP modules: CRM, Coupons and Stripe Connect (read, write, delete). */
export const EMSP_KEY = 'gfx-sandbox-emsp';

/** Runs the GreenFlux eMSP node with a Platform credential for the sandbox (the eMSP key by default). */
export async function runEmsp(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: { key?: string; inputItems?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<GreenFluxRun> {
	return await runGreenFlux(sandbox, parameters, {
		...options,
		key: options.key ?? EMSP_KEY,
		nodeType: new GreenFluxEmsp(),
	});
}

/** A sandbox control route (no key) as JSON: GET, or POST when a body is given. */
export async function sandboxControl<T = unknown>(
	sandbox: Sandbox,
	path: string,
	body?: IDataObject,
): Promise<T> {
	const { request } = await import('undici');
	const response = await request(`${sandbox.url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		...(body === undefined
			? {}
			: { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
	});
	return (await response.body.json()) as T;
}

/**
 * Charge Assist EVSEs where a start with a payment method of `paymentType` charges (AVAILABLE, so no
 * session occupies them; online, public, direct pay, with a tariff): one per test that starts a
 * session, so tests do not share EVSEs. In seed order, so the same on every run.
 */
export async function freeChargeAssistEvses(
	sandbox: Sandbox,
	count: number,
	test: (location: IDataObject) => boolean = () => true,
	paymentType = 'VISA',
): Promise<Array<{ locationId: string; evseUid: string }>> {
	const path = '/__sandbox/chargeassist/locations';
	const free: Array<{ locationId: string; evseUid: string }> = [];
	for (const location of await sandboxControl<IDataObject[]>(sandbox, path)) {
		const pms = (location.pms ?? []) as string[];
		const usable = !location.ownerAppToken && location.dp && location.hasTariff;
		if (!usable || (pms.length > 0 && !pms.includes(paymentType)) || !test(location)) continue;
		for (const evse of location.evses as IDataObject[]) {
			if (evse.status === 'AVAILABLE' && evse.chargeStationOnline && !evse.restrictedAccess)
				free.push({ locationId: String(location.id), evseUid: String(evse.uid) });
		}
	}
	if (free.length < count)
		throw new Error(`The sandbox has ${free.length} free Charge Assist EVSEs, ${count} wanted`);
	return free.slice(0, count);
}
