import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/envelope';
import { chargeAssistErrorStatement } from '../../shared/errorBodies';
import type { OperationHook } from '../../shared/operations';

/**
 * Tariff › Get Default. GreenFlux answers 204 when the default payment method is a charge card (the card's
 * provider sets the price, so GreenFlux does not know it) and 404 when the connector has no tariff, which
 * also means no session can be started there: both are answers, not failures, so each becomes an item
 * saying so, with the validity GreenFlux uses in its wallet tariffs (UNKNOWN, NO_TARIFF_FOUND).
 */
export const defaultTariffItem: OperationHook = async function (context) {
	const response = await context.send({ ...context.request, acceptHttpStatuses: [404] });
	const { locationId, evseUid } = context.values as { locationId: string; evseUid: string };
	const where = { locationId, evseUid, connectorId: context.values['options.connectorId'] ?? null };
	if (response.statusCode === 404) {
		const said = chargeAssistErrorStatement(response.body).said;
		const json: IDataObject = {
			...where,
			validity: 'NO_TARIFF_FOUND',
			tariff: null,
			sessionCanStart: false,
			message: 'GreenFlux has no tariff for this connector: a session cannot be started here.',
			greenFluxMessage: said || null,
		};
		return [{ json }];
	}
	if (!isObject(response.data)) {
		const json: IDataObject = {
			...where,
			validity: 'UNKNOWN',
			tariff: null,
			message:
				'GreenFlux does not know the price (HTTP 204): the default payment method here is a charge card, whose provider sets the price.',
		};
		return [{ json }];
	}
	return [{ json: response.data }];
};
