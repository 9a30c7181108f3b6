import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { recordConsumedAuth } from 'n8n-workflow';

import {
	checkAuthorization,
	tokenFromHeaders,
	type PushCredential,
	type PushHeaders,
} from './auth';
import { isRejection, readPushBody, type PushRequest } from './body';
import type { ClassifiedPush, PushItem } from './item';
import {
	OCPI_CLIENT_ERROR,
	OCPI_SERVER_ERROR,
	OCPI_SUCCESS,
	ocpiEnvelope,
	reject,
	writeEnvelope,
	type PushRejection,
	type PushResponse,
} from './ocpi';
import { routePush, splitPushPath, type PushModuleRule, type PushRoute } from './routing';

/** What makes one push trigger: its modules (M), its events (E) and what it does with a push. */
export interface PushSpec<M extends string, E extends string> {
	/** The node's display name, for the answer when its credential has no token. */
	triggerName: string;
	credential: PushCredential;
	rules: Record<M, PushModuleRule>;
	/** The URLs the trigger receives, for the 404 answer to any other URL. */
	urls: string;
	/** The objects of an authorised, routed push with a JSON body, or the refusal of its body. */
	objectsOf(route: PushRoute<M>, body: unknown): IDataObject[] | PushRejection;
	/** Items and HTTP status of a push; may read and change the node's workflow static data. */
	classify(
		route: PushRoute<M>,
		objects: IDataObject[],
		staticData: IDataObject,
		receivedAt: string,
	): ClassifiedPush<M, E>;
	/** The items the user asked for (called with the webhook's functions, to read parameters). */
	select(this: IWebhookFunctions, items: Array<PushItem<M, E>>): Array<PushItem<M, E>>;
}

/**
 * Tells n8n that the Authorization header authenticated this request, so n8n redacts it wherever it
 * shows request headers (n8n-workflow ≥ 2.41 exports recordConsumedAuth; older hosts lack it).
 * The trigger never puts headers into its output anyway.
 */
function markAuthorizationConsumed(req: PushRequest): void {
	// Compiled to a property read at call time, so an older n8n-workflow without it yields undefined.
	if (typeof recordConsumedAuth === 'function') recordConsumedAuth(req, ['authorization']);
}

/** What the operator's log says about a refused push (never a token or the Authorization header). */
interface RefusalContext {
	triggerName: string;
	workflowId?: string;
	method: string;
	path: string;
	/** The push module the URL names ('' when it names none). */
	module: string;
	/** Tokens to blank out of the logged reason and path, should a caller have put one there. */
	secrets: string[];
}

function redact(text: string, secrets: string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

/**
 * Logs a refused push through n8n's logger (the n8n log, level warn; error when the trigger itself is
 * unusable): a refusal starts no execution, so without this an operator would see nothing at all.
 */
function logRefusal(
	logger: IWebhookFunctions['logger'] | undefined,
	rejection: PushRejection,
	context: RefusalContext,
): void {
	if (!logger) return;
	const reason = redact(rejection.envelope.status_message, context.secrets);
	const path = redact(context.path, context.secrets);
	const module = context.module === '' ? 'none' : context.module;
	const message = `${context.triggerName} refused a push with HTTP ${rejection.httpStatus}: ${reason} (${context.method} ${path}, module ${module})`;
	const metadata = {
		reason,
		httpStatus: rejection.httpStatus,
		module,
		method: context.method,
		path,
		...(context.workflowId ? { workflowId: context.workflowId } : {}),
	};
	if (rejection.httpStatus >= 500) logger.error(message, metadata);
	else logger.warn(message, metadata);
}

function refuse(
	this: IWebhookFunctions,
	res: PushResponse,
	rejection: PushRejection,
	context: RefusalContext,
): IWebhookResponseData {
	logRefusal(this.logger, rejection, context);
	const headers: Record<string, string> =
		rejection.httpStatus === 401 ? { 'WWW-Authenticate': 'Token' } : {};
	writeEnvelope(res, rejection.httpStatus, rejection.envelope, headers);
	return { noWebhookResponse: true };
}

/**
 * Handles one push: token → URL → body → objects → classification → filters → answer.
 * - Refusals (401, 400, 404, 405, 500) are written here at once (`noWebhookResponse`): they need their
 *   own HTTP status and headers, and start no execution.
 * - Accepted pushes are answered by n8n: the node returns the OCPI success envelope as
 *   `webhookResponse` (the descriptions' responseMode onReceived, responseData '', no responseCode:
 *   HTTP 200). With `workflowData`, n8n 2.41 sends that answer only after WorkflowRunner.run has
 *   registered the execution (the execution row in the database; in queue mode, the job in Redis),
 *   exactly as for its own Webhook node: a push GreenFlux saw accepted is never lost, even if n8n
 *   dies right after answering. Without workflowData (the user did not select the event) n8n answers
 *   at once. n8n fixes the status per webhook description, so a push that created an object gets 200,
 *   not 201 (OCPI accepts 200 for a PUT of a new object).
 * What the classifier changed in the static data (EVSE statuses, known locations) is saved by n8n
 * when it answers (live-webhooks' responseCallback), but n8n 2.41.1 keeps it only from pushes that start
 * no execution: best effort, see PushMemory. It is never a reason to answer before the execution is
 * registered.
 */
export async function receivePush<M extends string, E extends string>(
	this: IWebhookFunctions,
	spec: PushSpec<M, E>,
): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as PushRequest;
	const res = this.getResponseObject() as unknown as PushResponse;
	const headers = this.getHeaderData() as PushHeaders;
	markAuthorizationConsumed(req);

	// Method, path (without a query string) and the module the URL names, for the log of a refusal.
	const method = (req.method ?? '').toUpperCase();
	const requestPath = req.path ?? req.originalUrl ?? req.url ?? '';
	const webhookId = this.getNode().webhookId;
	const modules = Object.keys(spec.rules);
	const named = splitPushPath(requestPath, webhookId, modules)?.module ?? '';
	const context: RefusalContext = {
		triggerName: spec.triggerName,
		workflowId: this.getWorkflow?.()?.id,
		method,
		path: requestPath.split('?')[0],
		module: modules.includes(named) ? named : '',
		secrets: [],
	};

	const credentials = await this.getCredentials<{ token?: unknown }>(spec.credential.type);
	const expectedToken = typeof credentials.token === 'string' ? credentials.token : '';
	context.secrets = [expectedToken, tokenFromHeaders(headers) ?? ''];
	if (expectedToken === '') {
		return refuse.call(
			this,
			res,
			reject(
				500,
				OCPI_SERVER_ERROR,
				`The ${spec.triggerName} has no push token: set one in its ${spec.credential.displayName} credential`,
			),
			context,
		);
	}
	const auth = checkAuthorization(headers, expectedToken);
	if (auth !== 'ok') {
		const message =
			auth === 'missing'
				? 'Unauthorized: missing "Authorization: Token <push token>" header'
				: 'Unauthorized: invalid push token';
		return refuse.call(this, res, reject(401, OCPI_CLIENT_ERROR, message), context);
	}

	const route = routePush(req.method ?? '', requestPath, webhookId, spec.rules, spec.urls);
	if (isRejection(route)) return refuse.call(this, res, route, context);
	const body = readPushBody(req, this.getBodyData());
	if (isRejection(body)) return refuse.call(this, res, body, context);
	const objects = spec.objectsOf(route, body);
	if (isRejection(objects)) return refuse.call(this, res, objects, context);

	const staticData = this.getWorkflowStaticData('node');
	const { items } = spec.classify(route, objects, staticData, new Date().toISOString());
	const selected = spec.select.call(this, items);
	const result: IWebhookResponseData = {
		webhookResponse: ocpiEnvelope(OCPI_SUCCESS, 'Success'),
	};
	if (selected.length > 0) result.workflowData = [selected.map((item) => ({ json: item }))];
	return result;
}
