import type { IDataObject } from 'n8n-workflow';

import { asSingle, isObject } from '../../shared/envelope';
import type { OperationContext, OperationHook } from '../../shared/operations';

/** The app token an operation was given (path, query or body), for outputs of empty answers. */
const appTokenOf = (context: OperationContext): IDataObject =>
	typeof context.values.appToken === 'string' ? { appToken: context.values.appToken } : {};

/**
 * Operations GreenFlux answers with an empty 200 (mileage, failed-payment retry, payment status):
 * `{ success: true }` with the app token and the values sent; an answer with a body is output as it is.
 */
export const acknowledgedItem: OperationHook = async function (context) {
	const response = await context.send(context.request);
	const answer = asSingle(response.data);
	if (answer) return [{ json: answer }];
	const sent = isObject(context.request.body) ? context.request.body : {};
	return [{ json: { success: true, ...appTokenOf(context), ...sent } }];
};

/** Payment Method › Delete: GreenFlux answers 204; the output says what was deleted. */
export const deletedPaymentMethodItem: OperationHook = async function (context, run) {
	await run();
	return [
		{
			json: {
				deleted: true,
				...appTokenOf(context),
				paymentMethodId: context.values.paymentMethodId as string,
			},
		},
	];
};

/**
 * App Token › Register reaches three routes: `PUT /token/{appToken}` (the app token in the path only,
 * so no body), `PUT /token` and `POST /v2.1/token` (the app token in the body). v1 answers a one-item
 * list, v2.1 the bare token: either way one item.
 */
export const registeredAppTokenItem: OperationHook = async function (context) {
	const { request } = context;
	const inPath = /^\/token\/[^/]+$/i.test(request.path);
	const v21 = /^\/v2\.1\//i.test(request.path);
	const response = await context.send({
		...request,
		method: v21 ? 'POST' : 'PUT',
		body: inPath ? undefined : request.body,
	});
	return [{ json: asSingle(response.data) ?? { success: true, ...appTokenOf(context) } }];
};
