import {
	notFound,
	ocpiError,
	type RouteContext,
	type Router,
	sendJson,
	sendText,
	timestamp,
} from '../http';
import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/**
 * Charge Station Configurations (batch CSV updates, configuration values) and Charge Station
 * Certificates (root certificate), as GreenFlux documents them (reference.md §11.3):
 * - every seeded charge station has a deterministic OCPP 1.6 configuration;
 * - POST …/batch/update takes multipart/form-data with a `;` CSV in part `file`, answers like the
 *   help-centre article (`status_code`, `InProgress`), and applies accepted rows once the batch
 *   completes (after `commandDelayMs`); a CSV with wrong columns or values → status Failed +
 *   validation_error (schema form: OCPI code in `status`);
 * - history in the schema form (`status` holds the OCPI code), report as the bare schema object
 *   (`Inprogress` → `Completed`), input/output/values as CSV; unknown ids → HTTP 404 + envelope.
 */

export const BATCH_HEADER = [
	'ChargeStationId',
	'Key',
	'Value',
	'ResetOnAccepted',
	'Retries',
	'Delay',
];
export const INPUT_HEADER = ['ChargeStationId', 'Key', 'Value', 'ResetOnAccepted', 'Retries'];
export const OUTPUT_HEADER = [...BATCH_HEADER, 'Status', 'Remarks'];

/** A fixed self-signed certificate standing in for GreenFlux's public root certificate. */
export const SANDBOX_ROOT_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIB3jCCAYWgAwIBAgIEATUo7TAKBggqhkjOPQQDAjBNMQswCQYDVQQGEwJOTDEa
MBgGA1UECgwRR3JlZW5GbHV4IFNhbmRib3gxIjAgBgNVBAMMGUdyZWVuRmx1eCBT
YW5kYm94IFJvb3QgQ0EwHhcNMjYxMTIzMjA1MzIzWhcNNDYxMTE4MjA1MzIzWjBN
MQswCQYDVQQGEwJOTDEaMBgGA1UECgwRR3JlZW5GbHV4IFNhbmRib3gxIjAgBgNV
BAMMGUdyZWVuRmx1eCBTYW5kYm94IFJvb3QgQ0EwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQpQJPYcdcsDvL3zKx5cnolQFi74grE9WwZr+wz2G2tV/pq2/3c84rP
EKfAfz6BZHclkE5OMpih9J7i6NAwHDaNo1MwUTAdBgNVHQ4EFgQU8c0vgBEpXyMR
JwQc3BhwhfETcZQwHwYDVR0jBBgwFoAU8c0vgBEpXyMRJwQc3BhwhfETcZQwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAHAikh50xVDYy2pgrcOJ7B
Qk3dLKkachnvozBQHkP38gIgd7YxxAuDXwi7CKYTl8pg4Q9gNMz8jk6x9kRnP6VP
Vr8=
-----END CERTIFICATE-----
`;

export interface BatchRowState {
	ChargeStationId: string;
	Key: string;
	Value: string;
	ResetOnAccepted: string;
	Retries: string;
	Delay: string;
	Status: 'Pending' | 'Accepted' | 'Rejected';
	Remarks: string;
}

export interface BatchReportState {
	report_id: string;
	cpo_id: string;
	creation_date: string;
	description: string | null;
	status: 'Inprogress' | 'Completed' | 'Failed';
	validation_error: string | null;
	createdAtMs: number;
	rows: BatchRowState[];
}

export interface ConfigurationStore {
	/** Configuration per charge station (lower-cased id), keys in insertion order. */
	configurations: Map<string, { chargeStationId: string; values: Map<string, string> }>;
	reports: BatchReportState[];
	random: Random;
}

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** The deterministic OCPP 1.6 configuration of a charge station (same for every run). */
export function initialConfiguration(station: Json): Map<string, string> {
	const rand = new Random(hash(String(station.charge_station_id)));
	const dc = String(station.charging_speed) === 'Fast';
	const entries: Array<[string, string]> = [
		['AllowOfflineTxForUnknownId', 'false'],
		['AuthorizationCacheEnabled', 'true'],
		['AuthorizeRemoteTxRequests', rand.pick(['true', 'false'])],
		['ClockAlignedDataInterval', '900'],
		['ConnectionTimeOut', String(rand.pick([60, 90, 120]))],
		['GetConfigurationMaxKeys', '50'],
		['HeartbeatInterval', String(station.heartbeat_interval ?? 300)],
		['LocalAuthorizeOffline', 'true'],
		['LocalPreAuthorize', rand.pick(['true', 'false'])],
		['MeterValueSampleInterval', String(rand.pick([60, 300, 900]))],
		[
			'MeterValuesSampledData',
			dc
				? 'Energy.Active.Import.Register,Power.Active.Import,SoC'
				: 'Energy.Active.Import.Register,Power.Active.Import',
		],
		['NumberOfConnectors', String((station.evses as unknown[] | undefined)?.length ?? 1)],
		['ResetRetries', '3'],
		['StopTransactionOnInvalidId', 'true'],
		[
			'SupportedFeatureProfiles',
			'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger',
		],
		['TransactionMessageAttempts', '3'],
		['TransactionMessageRetryInterval', '60'],
		['UnlockConnectorOnEVSideDisconnect', 'true'],
		['WebSocketPingInterval', String(rand.pick([0, 60, 300]))],
	];
	if (!dc) entries.push(['OperatorCurrentLimit_2', String(rand.pick([16, 25, 32]))]);
	return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

export function configurationStore(state: SandboxState): ConfigurationStore {
	return state.store<ConfigurationStore>('configurations', () => ({
		configurations: new Map(),
		reports: [],
		random: new Random(20261125),
	}));
}

/** The configuration of a known charge station (created on first use), else undefined. */
export function configurationOf(state: SandboxState, chargeStationId: string) {
	const store = configurationStore(state);
	const id = chargeStationId.toLowerCase();
	const existing = store.configurations.get(id);
	if (existing) return existing;
	const station = state.seed.chargeStations.find(
		(s) => String(s.charge_station_id).toLowerCase() === id,
	);
	if (!station) return undefined;
	const created = {
		chargeStationId: String(station.charge_station_id),
		values: initialConfiguration(station),
	};
	store.configurations.set(id, created);
	return created;
}

/** Completes a batch once `commandDelayMs` has passed: accepted rows change the configuration. */
export function settle(state: SandboxState, report: BatchReportState): BatchReportState {
	if (
		report.status !== 'Inprogress' ||
		Date.now() - report.createdAtMs < state.options.commandDelayMs
	)
		return report;
	for (const row of report.rows) {
		const configuration = configurationOf(state, row.ChargeStationId);
		if (!configuration) {
			row.Status = 'Rejected';
			row.Remarks = `Charge station ${row.ChargeStationId} not found`;
			continue;
		}
		const key =
			[...configuration.values.keys()].find((k) => k.toLowerCase() === row.Key.toLowerCase()) ??
			row.Key;
		configuration.values.set(key, row.Value);
		row.Status = 'Accepted';
		row.Remarks = row.ResetOnAccepted ? `Reset ${row.ResetOnAccepted} requested` : '';
	}
	report.status = 'Completed';
	return report;
}

// ----- CSV, the way the sandbox (GreenFlux) reads and writes it ---------------------------------

function splitCsvLine(line: string, delimiter: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i];
		if (quoted && char === '"' && line[i + 1] === '"') {
			field += '"';
			i++;
		} else if (char === '"') quoted = !quoted;
		else if (!quoted && char === delimiter) {
			fields.push(field);
			field = '';
		} else field += char;
	}
	fields.push(field);
	return fields;
}

export function writeCsv(header: string[], rows: string[][], delimiter: string): string {
	const cell = (value: string) =>
		/[";,\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
	return [header, ...rows].map((fields) => fields.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

/** Rows of a batch CSV, or the validation error GreenFlux reports. */
export function parseBatchCsv(text: string): { rows: BatchRowState[] } | { error: string } {
	const lines = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '');
	if (lines.length === 0) return { error: 'The file is empty' };
	const header = splitCsvLine(lines[0], ';').map((h) => h.trim());
	if (
		header.length !== BATCH_HEADER.length ||
		header.some((h, i) => h.toLowerCase() !== BATCH_HEADER[i].toLowerCase())
	) {
		return { error: `Invalid columns "${header.join(';')}": expected ${BATCH_HEADER.join(';')}` };
	}
	if (lines.length === 1) return { error: 'The file contains no rows' };
	const rows: BatchRowState[] = [];
	for (let i = 1; i < lines.length; i++) {
		const fields = splitCsvLine(lines[i], ';');
		const at = `Line ${i + 1}`;
		if (fields.length !== BATCH_HEADER.length)
			return { error: `${at}: expected ${BATCH_HEADER.length} columns, found ${fields.length}` };
		const [chargeStationId, key, value, reset, retries, delay] = fields.map((f, n) =>
			n === 2 ? f : f.trim(),
		);
		if (!chargeStationId) return { error: `${at}: ChargeStationId is required` };
		if (!key) return { error: `${at}: Key is required` };
		if (!['', 'OnIdle', 'Immediate'].includes(reset))
			return { error: `${at}: ResetOnAccepted must be OnIdle, Immediate or empty` };
		if (retries !== '' && !(/^\d+$/.test(retries) && Number(retries) <= 5))
			return { error: `${at}: Retries must be between 0 and 5` };
		if (delay !== '' && !(/^\d+$/.test(delay) && Number(delay) <= 60))
			return { error: `${at}: Delay must be between 0 and 60` };
		rows.push({
			ChargeStationId: chargeStationId,
			Key: key,
			Value: value,
			ResetOnAccepted: reset,
			Retries: retries || '0',
			Delay: delay || '0',
			Status: 'Pending',
			Remarks: '',
		});
	}
	return { rows };
}

/** The CSV parts named `file` of a multipart/form-data body (undefined when it is not multipart). */
export function multipartFiles(ctx: RouteContext): string[] | undefined {
	const contentType = String(ctx.req.headers['content-type'] ?? '');
	const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return undefined;
	const delimiter = `--${boundary[1] ?? boundary[2].trim()}`;
	const raw = ctx.rawBody.toString('latin1');
	const files: string[] = [];
	for (const part of raw.split(delimiter).slice(1)) {
		if (part.startsWith('--')) break;
		const end = part.indexOf('\r\n\r\n');
		if (end < 0) continue;
		const headers = part.slice(0, end);
		if (!/content-disposition:\s*form-data;[^\r\n]*\bname="file"/i.test(headers)) continue;
		const content = part.slice(end + 4).replace(/\r\n$/, '');
		files.push(Buffer.from(content, 'latin1').toString('utf8'));
	}
	return files;
}

function sendCsv(ctx: RouteContext, csv: string): void {
	ctx.ocpiStatus = 1000;
	sendText(ctx.res, 200, csv, 'text/csv; charset=utf-8');
}

/** GreenFlux's schema form of an envelope: the OCPI code in `status`. */
function schemaEnvelope(ctx: RouteContext, data: unknown, message = 'Success'): void {
	ctx.ocpiStatus = 1000;
	sendJson(ctx.res, 200, { data, status_message: message, status: 1000, timestamp: timestamp() });
}

const publicReport = ({
	report_id,
	cpo_id,
	creation_date,
	description,
	status,
}: BatchReportState) => ({
	report_id,
	cpo_id,
	creation_date,
	description,
	status,
});

export function registerConfigurationRoutes(router: Router, state: SandboxState): void {
	const read = { module: 'configurations' as const };
	const write = { module: 'configurations' as const, permission: 'write' as const };
	const store = () => configurationStore(state);
	const findReport = (id: string) => {
		const report = store().reports.find((r) => r.report_id.toLowerCase() === id.toLowerCase());
		return report && settle(state, report);
	};

	router.add('POST', '/api/:version/chargestationconfigurations/batch/update', write, (ctx) => {
		const files = multipartFiles(ctx);
		if (!files)
			return ocpiError(
				ctx,
				2001,
				'Send the CSV as multipart/form-data with the form field "file"',
				415,
			);
		const results = files.map(parseBatchCsv);
		const failed = results.find((r): r is { error: string } => 'error' in r);
		const parsed: { rows: BatchRowState[] } | { error: string } =
			files.length === 0
				? { error: 'No file in the form field "file"' }
				: (failed ?? { rows: results.flatMap((r) => ('rows' in r ? r.rows : [])) });
		const report: BatchReportState = {
			report_id: store().random.hex(32).toLowerCase(),
			cpo_id: String(state.seed.cpos[0].cpo_id),
			creation_date: timestamp(),
			description: ctx.query.description ?? null,
			status: 'error' in parsed ? 'Failed' : 'Inprogress',
			validation_error: 'error' in parsed ? parsed.error : null,
			createdAtMs: Date.now(),
			rows: 'rows' in parsed ? parsed.rows : [],
		};
		store().reports.push(report);
		if ('error' in parsed) {
			return schemaEnvelope(
				ctx,
				{ report_id: report.report_id, status: 'Failed', validation_error: parsed.error },
				'Validation failed',
			);
		}
		ctx.ocpiStatus = 1000;
		// The help-centre article's form: `status_code` and `InProgress`.
		sendJson(ctx.res, 200, {
			timestamp: timestamp(),
			data: { report_id: report.report_id, status: 'InProgress', validation_error: null },
			status_code: 1000,
			status_message: 'Success',
		});
	});

	router.add('GET', '/api/:version/chargestationconfigurations/batch', read, (ctx) => {
		const from = ctx.query.date_from ? Date.parse(ctx.query.date_from) : Number.NEGATIVE_INFINITY;
		const to = ctx.query.date_to ? Date.parse(ctx.query.date_to) : Number.POSITIVE_INFINITY;
		if (Number.isNaN(from) || Number.isNaN(to))
			return ocpiError(ctx, 2001, 'date_from and date_to must be dates', 400);
		const limit = Math.min(Math.max(Number(ctx.query.limit ?? 1000) || 1000, 1), 1000);
		const reports = store()
			.reports.map((r) => settle(state, r))
			.filter((r) => Date.parse(r.creation_date) >= from && Date.parse(r.creation_date) < to)
			.sort((a, b) => b.createdAtMs - a.createdAtMs)
			.slice(0, limit)
			.map(publicReport);
		schemaEnvelope(ctx, reports);
	});

	router.add(
		'GET',
		'/api/:version/chargestationconfigurations/batch/report/:reportId',
		read,
		(ctx) => {
			const report = findReport(ctx.params.reportId);
			if (!report) return notFound(ctx, `Batch report ${ctx.params.reportId}`);
			ctx.ocpiStatus = 1000;
			sendJson(ctx.res, 200, publicReport(report));
		},
	);

	router.add(
		'GET',
		'/api/:version/chargestationconfigurations/batch/report/:reportId/input',
		read,
		(ctx) => {
			const report = findReport(ctx.params.reportId);
			if (!report) return notFound(ctx, `Batch report ${ctx.params.reportId}`);
			sendCsv(
				ctx,
				writeCsv(
					INPUT_HEADER,
					report.rows.map((r) => INPUT_HEADER.map((c) => r[c as keyof BatchRowState])),
					';',
				),
			);
		},
	);

	router.add(
		'GET',
		'/api/:version/chargestationconfigurations/batch/report/:reportId/output',
		read,
		(ctx) => {
			const report = findReport(ctx.params.reportId);
			if (!report) return notFound(ctx, `Batch report ${ctx.params.reportId}`);
			sendCsv(
				ctx,
				writeCsv(
					OUTPUT_HEADER,
					report.rows.map((r) => OUTPUT_HEADER.map((c) => r[c as keyof BatchRowState])),
					';',
				),
			);
		},
	);

	// A query with a JSON body: read permission is enough.
	router.add(
		'POST',
		'/api/:version/chargestationconfigurations',
		{ ...read, permission: 'read' },
		(ctx) => {
			const body = (ctx.body ?? {}) as Json;
			const { limit, offset } = body;
			if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 1000) {
				return ocpiError(ctx, 2001, "'limit' must be a whole number from 1 to 1000");
			}
			if (!Number.isInteger(offset) || (offset as number) < 0)
				return ocpiError(ctx, 2001, "'offset' must be a whole number of 0 or more");
			const keys = [
				...(typeof body.key === 'string' && body.key ? [body.key] : []),
				...((body.keys as string[] | undefined) ?? []),
			];
			if (keys.length === 0) return ocpiError(ctx, 2001, "'key' or 'keys' must be specified");
			const ids = ((body.charge_station_ids as string[] | undefined) ?? []).map((id) =>
				id.toLowerCase(),
			);
			const same = (a: unknown, b: unknown) =>
				b === undefined || b === '' || String(a).toLowerCase() === String(b).toLowerCase();
			const stations = state.seed.chargeStations
				.filter((s) => ids.length === 0 || ids.includes(String(s.charge_station_id).toLowerCase()))
				.filter(
					(s) =>
						same(s.firmware_version, body.firmware_version) &&
						same(s.charge_point_vendor, body.charge_point_vendor) &&
						same(s.protocol_version, body.protocol_version),
				)
				.map((s) => String(s.charge_station_id))
				.sort()
				.slice(offset as number, (offset as number) + (limit as number));
			const single = keys.length === 1 && !Array.isArray(body.keys);
			const rows: string[][] = [];
			for (const id of stations) {
				const values = configurationOf(state, id)!.values;
				for (const key of keys) {
					const found = [...values.entries()].find(([k]) => k.toLowerCase() === key.toLowerCase());
					rows.push(single ? [id, found?.[1] ?? ''] : [id, found?.[0] ?? key, found?.[1] ?? '']);
				}
			}
			sendCsv(
				ctx,
				writeCsv(
					single ? ['ChargeStationId', 'Value'] : ['ChargeStationId', 'Key', 'Value'],
					rows,
					',',
				),
			);
		},
	);

	router.add('GET', '/api/:version/chargestationconfigurations/:chargeStationId', read, (ctx) => {
		const configuration = configurationOf(state, ctx.params.chargeStationId);
		if (!configuration) return notFound(ctx, `Charge station ${ctx.params.chargeStationId}`);
		const rows = [...configuration.values.entries()].map(([key, value]) => [
			configuration.chargeStationId,
			key,
			value,
		]);
		sendCsv(ctx, writeCsv(['ChargeStationId', 'Key', 'Value'], rows, ','));
	});

	router.add(
		'GET',
		'/api/:version/chargestationcertificates/root',
		{ module: 'certificates' },
		(ctx) => {
			ctx.ocpiStatus = 1000;
			// Declared `text/csv` by GreenFlux although it is a PEM string.
			sendText(ctx.res, 200, SANDBOX_ROOT_CERTIFICATE, 'text/csv; charset=utf-8');
		},
	);
}
