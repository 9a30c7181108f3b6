import { isObject } from '../../shared/envelope';
import type { OperationHook } from '../../shared/operations';

/** GreenFlux answers 503 while Charge Assist is down: an output saying so, not an error. */
export const serviceStatusItem: OperationHook = async function (context) {
	const response = await context.send({ ...context.request, acceptHttpStatuses: [503] });
	const said = isObject(response.data) ? response.data : {};
	return [
		{ json: { available: response.statusCode < 300, httpCode: response.statusCode, ...said } },
	];
};
