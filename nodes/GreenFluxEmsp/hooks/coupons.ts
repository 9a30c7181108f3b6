import set from 'lodash/set';
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/envelope';
import type { OperationHook } from '../../shared/operations';

/**
 * Create with "Applies To" = every driver: GreenFlux knows such a coupon by a scope that names the eMSP
 * and no driver, so the eMSP ID of the path also goes into `scope.emsp`.
 */
export const couponScope: OperationHook = async function (context, run) {
	if (context.values.appliesTo === 'emsp') {
		const body = (context.request.body ?? {}) as IDataObject;
		set(body, 'scope.emsp', context.values.emspId);
		context.request.body = body;
	}
	return (await run()).map((json) => ({ json }));
};

/**
 * Driver balance: GreenFlux groups it per CPO (`cpsoGrouping`) plus the balance usable at every CPO
 * (`shared`). With "One Item per CPO" each group becomes an item, and the shared balance one more item
 * with `shared` true; every item names the eMSP and the driver.
 */
export const driverBalanceItems: OperationHook = async function (context, run) {
	const results = await run();
	const [balance] = results;
	if (context.values.splitByCpo !== true || !isObject(balance))
		return results.map((json) => ({ json }));
	const owner = { emspId: context.values.emspId, driverId: context.values.driverId } as IDataObject;
	const groups = isObject(balance.cpsoGrouping) ? Object.entries(balance.cpsoGrouping) : [];
	const items: IDataObject[] = groups
		.filter((entry): entry is [string, IDataObject] => isObject(entry[1]))
		.map(([cpso, group]) => ({ ...owner, shared: false, ...group, cpso: group.cpso || cpso }));
	if (isObject(balance.shared)) items.push({ ...owner, shared: true, ...balance.shared });
	return items.map((json) => ({ json }));
};
