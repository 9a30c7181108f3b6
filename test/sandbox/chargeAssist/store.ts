import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';
import type {
	CaAppToken,
	CaFailedPayment,
	CaPaymentMethod,
	CaSession,
	CaVidMapping,
} from './records';
import { HOME_OWNERS, seedAccounts } from './seedAccounts';
import { type CaEvse, type CaLocation, seedCaLocations } from './seedLocations';

/** Default clock step: start → CHARGING in 2 steps (1.4 s), stop → CDR_AVAILABLE in 3 steps (2.1 s). */
export const DEFAULT_CLOCK_MS = 700;

export interface CaPushTarget {
	url: string;
	token: string;
}

/** Everything Charge Assist keeps, created on first use from the sandbox seed (same on every run). */
export interface CaStore {
	/** Milliseconds per session step (SandboxOptions.chargeAssistClockMs). */
	clockMs: number;
	/** Ids of things created through the API (deterministic for the same sequence of calls). */
	random: Random;
	locations: CaLocation[];
	locationById: Map<string, CaLocation>;
	/** By EVSE uid and by EVSE id (both upper case). */
	evseByKey: Map<string, CaEvse>;
	tokens: Map<string, CaAppToken>;
	paymentMethods: CaPaymentMethod[];
	/** Seeded history first (oldest first), then live sessions in start order. */
	sessions: Map<string, CaSession>;
	/** appToken → location id → favourite display name. */
	favorites: Map<string, Map<string, string | null>>;
	sessionRatings: Map<string, Json>;
	locationRatings: Json[];
	vid: Map<string, CaVidMapping>;
	/** Sessions whose VID registration was deregistered. */
	vidDeregistered: Set<string>;
	failedPayments: CaFailedPayment[];
	/** EVSE statuses set through the control route. */
	evseOverrides: Map<string, string>;
	serviceStatus: { status: number; message: string };
	pushTarget?: CaPushTarget;
}

export function caStore(state: SandboxState): CaStore {
	return state.store<CaStore>('chargeAssist', () => {
		const locations = seedCaLocations(state.seed, HOME_OWNERS);
		const accounts = seedAccounts(state.seed);
		const evseByKey = new Map<string, CaEvse>();
		for (const location of locations)
			for (const evse of location.evses) {
				evseByKey.set(evse.uid.toUpperCase(), evse);
				evseByKey.set(evse.evseId.toUpperCase(), evse);
			}
		return {
			clockMs: Math.max(1, state.options.chargeAssistClockMs ?? DEFAULT_CLOCK_MS),
			random: new Random(20261204),
			locations,
			locationById: new Map(locations.map((l) => [l.id.toLowerCase(), l])),
			evseByKey,
			tokens: new Map(accounts.tokens.map((t) => [t.appToken, t])),
			paymentMethods: accounts.paymentMethods,
			sessions: new Map(accounts.sessions.map((s) => [s.id, s])),
			favorites: new Map(),
			sessionRatings: new Map(),
			locationRatings: [],
			vid: new Map(),
			vidDeregistered: new Set(),
			failedPayments: accounts.failedPayments,
			evseOverrides: new Map(),
			serviceStatus: { status: 200, message: 'Operational' },
			pushTarget: state.options.chargeAssistPush,
		};
	});
}

export const findLocation = (store: CaStore, id: string) =>
	store.locationById.get(id.toLowerCase());

export const findEvse = (store: CaStore, uidOrEvseId: string) =>
	store.evseByKey.get(uidOrEvseId.toUpperCase());

export const walletOf = (store: CaStore, appToken: string) =>
	store.paymentMethods.filter((p) => p.appToken === appToken && !p.deleted);

/** A payment method of the app token's wallet (not deleted). */
export const findPaymentMethod = (store: CaStore, appToken: string, id: string) =>
	walletOf(store, appToken).find((p) => p.id === id);

/** Live (API-started) sessions, oldest first. */
export const liveSessions = (store: CaStore) =>
	[...store.sessions.values()].filter((s) => s.history === undefined);
