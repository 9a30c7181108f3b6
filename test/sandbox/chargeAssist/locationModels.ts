import type { Json } from '../seed';
import type { CaPaymentMethod } from './records';
import { occupiesEvse } from './sessionClock';
import type { CaEvse, CaLocation } from './seedLocations';
import { type CaStore, liveSessions } from './store';

/** Who is looking and how: the clock, the app token, the payment method to check, the EVSE filter. */
export interface LocationView {
	now: number;
	appToken?: string;
	paymentMethod?: CaPaymentMethod;
	evseMatches?: (evse: CaEvse, status: string) => boolean;
}

/** Control-route override, else CHARGING while a Charge Assist session holds it, else the Platform status. */
export function evseStatus(store: CaStore, evse: CaEvse, now: number): string {
	const override = store.evseOverrides.get(evse.uid);
	if (override) return override;
	const busy = liveSessions(store).some(
		(s) => s.evseUid === evse.uid && occupiesEvse(s, store.clockMs, now),
	);
	return busy ? 'CHARGING' : String(evse.platform.status ?? 'UNKNOWN');
}

/** Whether a location takes a payment method (empty `pms` = every type; charge cards need RFID). */
export function accepts(location: CaLocation, paymentMethod: CaPaymentMethod): boolean {
	return location.pms.length === 0 || location.pms.includes(paymentMethod.type);
}

export function availabilityOf(statuses: string[]): string {
	const available = statuses.filter((s) => s === 'AVAILABLE').length;
	if (available === 0) return 'NONE';
	const share = available / statuses.length;
	return share < 1 / 3 ? 'LOW' : share < 2 / 3 ? 'MODERATE' : 'HIGH';
}

export function brandingOf(location: CaLocation): Json {
	const slug = location.cpoId.toLowerCase();
	return {
		id: `brand-${slug}`,
		displayName: location.operatorName,
		primaryColorHex: location.cpoId === 'NLGFXDEMO' ? '#00a651' : '#1d4f91',
		logoUrl: `https://logos.example/${slug}.png`,
		supportPhone: '+31 20 123 4567',
		supportEmail: `support@${slug}.example`,
		supportWebsite: `https://${slug}.example`,
	};
}

function openingHours(location: CaLocation): Json {
	const regularHours = location.twentyfourseven
		? []
		: [1, 2, 3, 4, 5, 6].map((weekday) => ({
				weekday,
				periods: [{ periodBegin: '07:00', periodEnd: '23:00' }],
			}));
	return {
		regularHours,
		twentyfourseven: location.twentyfourseven,
		exceptionalOpenings: [],
		exceptionalClosings: [],
	};
}

function favoriteName(store: CaStore, location: CaLocation, view: LocationView) {
	if (!view.appToken) return null;
	return store.favorites.get(view.appToken)?.get(location.id) ?? null;
}

const agreementOf = (location: CaLocation, view: LocationView) =>
	!view.paymentMethod || accepts(location, view.paymentMethod);

function evseModel(store: CaStore, location: CaLocation, evse: CaEvse, view: LocationView): Json {
	const status = evseStatus(store, evse, view.now);
	const matches = view.evseMatches?.(evse, status) ?? true;
	return {
		uid: evse.uid,
		displayName: evse.displayName,
		status,
		capabilities: evse.capabilities,
		connectors: evse.connectors.map((c) => ({
			...c,
			termsAndConditions: null,
			matchesFilter: matches,
		})),
		floorLevel: evse.floorLevel,
		coordinates: [{ latitude: location.latitude, longitude: location.longitude }],
		physicalReference: evse.physicalReference,
		chargingNotAllowed: false,
		agreement: agreementOf(location, view),
		directions: [],
		parkingRestrictions: ['EV_ONLY'],
		images: [],
		matchesFilter: matches,
		restrictedAccess: evse.restrictedAccess,
		remoteCommandsCapable: true,
		chargerType: evse.isPrivateCharger ? 'Private' : 'Public',
		isPrivateCharger: evse.isPrivateCharger,
		evseId: evse.evseId,
		isQrPresent: true,
		lastUpdated: evse.lastUpdated,
	};
}

/** The full `LocationModel`. */
export function locationModel(store: CaStore, location: CaLocation, view: LocationView): Json {
	const evses = location.evses.map((e) => evseModel(store, location, e, view));
	const isPrivate = location.ownerAppToken !== undefined;
	return {
		id: location.id,
		type: location.type,
		name: location.name,
		displayName: favoriteName(store, location, view),
		address: location.address,
		city: location.city,
		postalCode: location.postalCode,
		country: location.country,
		coordinates: { latitude: location.latitude, longitude: location.longitude },
		evses,
		directions: [],
		operator: {
			name: location.operatorName,
			website: 'https://www.greenflux.com',
			logo: null,
			phone_number: '+31 20 123 4567',
			email: `support@${location.cpoId.toLowerCase()}.example`,
		},
		suboperator: null,
		owner: null,
		facilities: location.facilities,
		openingHours: openingHours(location),
		images: [],
		branding: brandingOf(location),
		smartChargingEnabled: location.smartChargingEnabled,
		reservationEnabled: false,
		dp: location.dp,
		rfid: true,
		isPrivateLocation: isPrivate,
		pms: location.pms,
		issuers: [],
		availability: availabilityOf(evses.map((e) => String(e.status))),
		energyMix: {
			isGreenEnergy: true,
			energySources: [
				{ source: 'WIND', percentage: 60, isRenewableEnergy: true },
				{ source: 'SOLAR', percentage: 40, isRenewableEnergy: true },
			],
			environImpact: [],
			supplierName: 'Sandbox Energie',
			energyProductName: 'Groene stroom',
		},
		isHomeCharger: isPrivate,
		customProperties: [],
		timeZone: 'W. Europe Standard Time',
		preAuthAmountInCents: location.dp ? 2500 : null,
		cpsoId: location.cpoId,
		cpoCustomerId: location.cpoCustomerId,
		paymentServiceProvider: 'Stripe',
	};
}

/** The compact `LocationSummary` of lists. */
export function locationSummary(store: CaStore, location: CaLocation, view: LocationView): Json {
	const statuses = location.evses.map((e) => evseStatus(store, e, view.now));
	const branding = brandingOf(location);
	const isPrivate = location.ownerAppToken !== undefined;
	return {
		id: location.id,
		type: location.type,
		name: location.name,
		displayName: favoriteName(store, location, view),
		add: location.address,
		city: location.city,
		country: location.country,
		lat: location.latitude,
		lng: location.longitude,
		conAvail: statuses.filter((s) => s === 'AVAILABLE').length,
		conTot: statuses.length,
		dp: location.dp,
		rfid: true,
		branding,
		brandingId: branding.id,
		isHomeCharger: isPrivate,
		isPrivateLocation: isPrivate,
		evses: location.evses.map((evse, i) => ({
			uid: evse.uid,
			chargerType: evse.isPrivateCharger ? 'Private' : 'Public',
			status: statuses[i],
			agreement: agreementOf(location, view),
			connectors: evse.connectors.map((c) => ({
				id: c.id,
				standard: c.standard,
				kw: c.kw,
				powerInKw: c.powerInKw,
				powerType: c.powerType,
			})),
			evseId: evse.evseId,
			displayName: evse.displayName,
		})),
		customProperties: [],
		timeZone: 'W. Europe Standard Time',
	};
}

/** `LocationMinModel` of the minimal bounding-box lists. */
export function locationMin(store: CaStore, location: CaLocation, now: number): Json {
	const statuses = location.evses.map((e) => evseStatus(store, e, now));
	return {
		lat: location.latitude,
		lon: location.longitude,
		locationId: location.id,
		evsesCount: statuses.length,
		evsesAvailableCount: statuses.filter((s) => s === 'AVAILABLE').length,
	};
}
