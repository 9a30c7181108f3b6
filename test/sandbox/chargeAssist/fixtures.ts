import type { SandboxState } from '../state';
import type { CaEvse, CaLocation } from './seedLocations';
import { SEEDED_APP_TOKENS } from './seedAccounts';
import { caStore } from './store';

export interface EvseRef {
	locationId: string;
	evseUid: string;
	connectorId: string;
}

/**
 * The seeded ids tests need, picked from the seed (first match in seed order, so the same on every run
 * with the same scale): app tokens, payment methods, and EVSEs for each start outcome.
 */
export function chargeAssistFixtures(state: SandboxState) {
	const store = caStore(state);
	const pairs = store.locations.flatMap((location) =>
		location.evses.map((evse) => ({ location, evse })),
	);
	const pick = (test: (l: CaLocation, e: CaEvse) => boolean): EvseRef | null => {
		const found = pairs.find(({ location, evse }) => test(location, evse));
		return found
			? {
					locationId: found.location.id,
					evseUid: found.evse.uid,
					connectorId: found.evse.connectors[0].id,
				}
			: null;
	};
	const plain = (l: CaLocation, e: CaEvse) =>
		!l.ownerAppToken && !e.restrictedAccess && l.dp && l.hasTariff;
	const status = (e: CaEvse) => String(e.platform.status);
	const pm = (appToken: string, index: number) =>
		store.paymentMethods.filter((p) => p.appToken === appToken)[index]?.id ?? null;
	const { demo, second, blocked } = SEEDED_APP_TOKENS;
	return {
		clockMs: store.clockMs,
		appTokens: { demo, second, blocked, unregistered: 'ca-unregistered-driver' },
		paymentMethods: {
			demoChargeCard: pm(demo, 0),
			demoVisa: pm(demo, 1),
			demoBlockedCard: pm(demo, 2),
			secondChargeCard: pm(second, 0),
			secondExternal: pm(second, 1),
			blockedDriverCard: pm(blocked, 0),
		},
		evses: {
			/** AVAILABLE, online, direct pay: a start charges. */
			available: pick((l, e) => plain(l, e) && e.online && status(e) === 'AVAILABLE'),
			/** Not AVAILABLE (OUTOFORDER) on an online station: a start goes REJECTED, EVSE_NOT_AVAILABLE. */
			unavailable: pick((l, e) => plain(l, e) && e.online && status(e) === 'OUTOFORDER'),
			/** AVAILABLE DC (50 kW, start fee). */
			dc: pick((l, e) => plain(l, e) && e.online && e.dc && status(e) === 'AVAILABLE'),
			/** AVAILABLE on an Offline station: a start goes TIMEOUT, COMMAND_TIMED_OUT. */
			timeout: pick((l, e) => plain(l, e) && !e.online && status(e) === 'AVAILABLE'),
			/** A location without direct pay: charge cards only; the default-token tariff answers 204. */
			chargeCardOnly: pick(
				(l, e) => !l.ownerAppToken && !l.dp && e.online && status(e) === 'AVAILABLE',
			),
			/** Connectors without a tariff: tariff 404, no start with a direct payment method. */
			noTariff: pick((l) => !l.ownerAppToken && !l.hasTariff),
			/** Semi-public: listed only with filter.restrictedAccess=true. */
			restricted: pick((_, e) => e.restrictedAccess),
			/** ca-demo-driver's private home charger. */
			demoHome: pick((l) => l.ownerAppToken === demo),
		},
	};
}
