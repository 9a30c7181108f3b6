import { DateTime } from 'luxon';

import { round } from '../random';
import type { Json } from '../seed';
import { paymentMethodModel } from './accountModels';
import { brandingOf, locationModel } from './locationModels';
import type { CaPaymentMethod, CaSession, SessionStatus } from './records';
import { type ClockView, clockView, isFinal, PARKING_AFTER_STEPS } from './sessionClock';
import { digest } from './seedAccounts';
import { costsOf, pricesOf, VAT_PERCENTAGE } from './tariffs';
import { type CaStore, findEvse, findLocation } from './store';

/** Session times are given in the location's time zone (W. Europe Standard Time). */
const localTime = (at: number) =>
	DateTime.fromMillis(at, { zone: 'Europe/Amsterdam' }).toISO() as string;
const utc = (at: number) => new Date(at).toISOString();

/** Charge cards are invoiced by the eMSP, external methods paid by the app; the rest through the PSP. */
const NOT_DIRECT = ['CHARGE_CARD', 'EXTERNAL'];
const isDirectPayment = (pm: CaPaymentMethod | undefined) =>
	pm !== undefined && !NOT_DIRECT.includes(pm.type);

const paymentMethodOf = (store: CaStore, session: CaSession) =>
	store.paymentMethods.find((p) => p.id === session.paymentMethodId);

export function defaultPaymentStatus(pm: CaPaymentMethod | undefined): string {
	if (pm?.type === 'CHARGE_CARD') return 'EmspInvoice';
	if (pm?.type === 'EXTERNAL') return 'External';
	return 'Success';
}

/** Energy, power, state of charge and costs of a session at `now`. */
export function figuresOf(store: CaStore, session: CaSession, view: ClockView) {
	const t = store.clockMs;
	const connector = findEvse(store, session.evseUid)?.connectors.find(
		(c) => c.id === session.connectorId,
	);
	const steps =
		view.chargingFrom === undefined
			? undefined
			: Math.min((view.chargingUntil! - view.chargingFrom) / t, PARKING_AFTER_STEPS);
	const energyInKwh = session.history
		? session.history.energyInKwh
		: steps === undefined
			? null
			: round((session.powerKw * steps) / 60, 3);
	const costs = costsOf(pricesOf(connector), energyInKwh ?? 0);
	return {
		steps,
		energyInKwh,
		costs: session.history
			? { ...costs, totalCosts: session.history.totalCosts, totalVat: session.history.totalVat }
			: costs,
		stateOfCharge: steps === undefined ? null : Math.round(20 + (60 * steps) / PARKING_AFTER_STEPS),
	};
}

function usageSummary(
	store: CaStore,
	session: CaSession,
	view: ClockView,
	now: number,
	max: number,
) {
	const t = store.clockMs;
	const points: Json[] = [];
	if (!session.history && view.chargingFrom !== undefined) {
		const end = Math.min(now, session.stoppedAt ?? now);
		const last = Math.floor((end - view.chargingFrom) / t);
		for (let k = Math.max(0, last - max + 1); k <= last; k++) {
			const charging = k < PARKING_AFTER_STEPS;
			const done = Math.min(k, PARKING_AFTER_STEPS);
			points.push({
				timestamp: utc(view.chargingFrom + k * t),
				energyInKwh: round((session.powerKw * done) / 60, 3),
				powerInKw: charging ? session.powerKw : 0,
				status: charging ? 'CHARGING' : 'PARKING',
				stateOfCharge: Math.round(20 + (60 * done) / PARKING_AFTER_STEPS),
			});
		}
	}
	const energies = points.map((p) => Number(p.energyInKwh));
	const powers = points.map((p) => Number(p.powerInKw));
	const finalEnergy = session.history?.energyInKwh;
	return {
		maxEnergyInKwh: energies.length ? Math.max(...energies) : (finalEnergy ?? null),
		maxPowerInKw: powers.length ? Math.max(...powers) : null,
		minEnergyInKwh: energies.length ? Math.min(...energies) : (finalEnergy ?? null),
		minPowerInKw: powers.length ? Math.min(...powers) : null,
		dataPoints: points,
	};
}

/** The suggested next poll: the next known change, at most 5 steps away; final sessions: when they ended. */
function nextStatusCall(store: CaStore, view: ClockView, now: number): string {
	if (isFinal(view.status)) return utc(view.since);
	const soon = now + 5 * store.clockMs;
	return utc(view.next === undefined ? soon : Math.min(view.next, soon));
}

export function sessionVidStatus(store: CaStore, session: CaSession): string {
	if (store.vidDeregistered.has(session.id)) return 'VID_DEREGISTERED';
	const mapping = store.vid.get(session.appToken);
	if (mapping?.sessionId !== session.id) return 'VID_NOT_REGISTERED';
	return Date.now() - mapping.requestedAt >= 2 * store.clockMs
		? 'VID_REGISTERED'
		: 'VID_REGISTRATION_IN_PROGRESS';
}

function sessionPaymentMethod(pm: CaPaymentMethod | undefined, id: string): Json {
	return {
		id,
		type: pm?.type ?? 'CARD_OTHER',
		cardHint: pm?.cardHint ?? null,
		chargeCardVisualNumber: pm?.visualNumber ?? null,
		externalPaymentMethodId: pm?.externalPaymentMethodId ?? null,
		displayName: pm?.displayName ?? null,
	};
}

function sessionLocation(store: CaStore, session: CaSession): Json {
	const location = findLocation(store, session.locationId);
	const evse = findEvse(store, session.evseUid);
	const branding = location ? brandingOf(location) : {};
	return {
		coordinates: { latitude: location?.latitude ?? 0, longitude: location?.longitude ?? 0 },
		name: location?.name ?? null,
		address: location?.address ?? null,
		city: location?.city ?? null,
		country: location?.country ?? null,
		timeZone: 'W. Europe Standard Time',
		powerType: evse?.connectors.find((c) => c.id === session.connectorId)?.powerType ?? null,
		branding: {
			displayName: branding.displayName ?? null,
			logoUrl: branding.logoUrl ?? null,
			supportPhone: branding.supportPhone ?? null,
			supportEmail: branding.supportEmail ?? null,
			supportWebsite: branding.supportWebsite ?? null,
		},
	};
}

function transactionDetails(store: CaStore, session: CaSession, view: ClockView, total: number) {
	const pm = paymentMethodOf(store, session);
	const direct = isDirectPayment(pm);
	const status = session.payment.status ?? defaultPaymentStatus(pm);
	return {
		paymentMethod: sessionPaymentMethod(pm, session.paymentMethodId),
		pspTransactionId: direct
			? (session.payment.pspTransactionId ?? `pi_${digest(session.id, 14)}`)
			: null,
		totalCostsCharged: direct && status === 'Success' ? total : null,
		paymentConfirmationTime:
			session.payment.confirmationTime ?? (direct && status === 'Success' ? utc(view.since) : null),
		paymentStatus: status,
		creditWalletId: null,
		externalCdrId: session.externalCdrId,
	};
}

const reached = (view: ClockView, status: SessionStatus) => view.status === status;
const costsKnown = (view: ClockView) =>
	reached(view, 'COMPLETED') || reached(view, 'CDR_AVAILABLE');

/** The `StatusResponse` of GET /session/status (and of the Charge Assist session pushes). */
export function statusResponse(
	store: CaStore,
	session: CaSession,
	now = Date.now(),
	maxDataPoints = 15,
): Json {
	const view = clockView(session, store.clockMs, now);
	const figures = figuresOf(store, session, view);
	const pm = paymentMethodOf(store, session);
	const location = findLocation(store, session.locationId);
	const cdr = reached(view, 'CDR_AVAILABLE');
	const started = view.chargingFrom !== undefined;
	const startTime = session.history?.startTime ?? view.chargingFrom;
	return {
		sessionId: session.id,
		appToken: session.appToken,
		externalSessionId: started ? session.externalSessionId : null,
		locationId: session.locationId,
		evseUid: session.evseUid,
		connectorId: session.connectorId,
		authId: session.authId,
		status: view.status,
		canRateSession: costsKnown(view) && !store.sessionRatings.has(session.id),
		error: view.status === 'REJECTED' || view.status === 'TIMEOUT' ? session.error : null,
		errorMessage:
			view.status === 'REJECTED' || view.status === 'TIMEOUT' ? session.errorMessage : null,
		energyInKwh: figures.energyInKwh,
		currentPowerInKw: reached(view, 'CHARGING')
			? session.powerKw
			: ['PARKING', 'STOPPING'].includes(view.status)
				? 0
				: null,
		totalCosts: costsKnown(view) ? figures.costs.totalCosts : null,
		totalVat: costsKnown(view) ? figures.costs.totalVat : null,
		vatPercentage: cdr ? VAT_PERCENTAGE : null,
		currency: 'EUR',
		startTime: startTime === undefined ? null : localTime(startTime),
		endTime: view.endTime === undefined ? null : localTime(view.endTime),
		nextStatusCall: nextStatusCall(store, view, now),
		usageSummary: usageSummary(store, session, view, now, maxDataPoints),
		smartChargingEnabled: started && (location?.smartChargingEnabled ?? false),
		prioritySessionStatus: !location?.smartChargingEnabled
			? 'NOT_APPLICABLE'
			: session.priority
				? 'ON'
				: 'OFF',
		vidStatus: sessionVidStatus(store, session),
		paymentMethodId: session.paymentMethodId,
		paymentMethod: sessionPaymentMethod(pm, session.paymentMethodId),
		chargingNotAllowed: false,
		stateOfCharge: figures.stateOfCharge,
		receiptNumber:
			cdr && isDirectPayment(pm) ? (session.receiptNumber ?? `rec-${digest(session.id, 6)}`) : null,
		couponStatus: 'NOT_APPLICABLE',
		mileage: session.mileage,
		startMethod: session.startMethod,
		transactionDetails: cdr
			? transactionDetails(store, session, view, figures.costs.totalCosts)
			: null,
		pspPreAuthTransactionId:
			isDirectPayment(pm) && view.status !== 'REQUESTED' && view.status !== 'REJECTED'
				? `pi_pre_${digest(session.id, 12)}`
				: null,
		isPrivateCharger: findEvse(store, session.evseUid)?.isPrivateCharger ?? false,
		location: sessionLocation(store, session),
		costBreakdown: cdr
			? {
					retailSegments: [
						{
							segmentId: 1,
							fromUtc: utc(startTime ?? session.createdAt),
							items: figures.costs.items,
						},
					],
				}
			: null,
	};
}

/** The parts shared by both session-history shapes. */
function historyBase(store: CaStore, session: CaSession, now: number) {
	const view = clockView(session, store.clockMs, now);
	const figures = figuresOf(store, session, view);
	const pm = paymentMethodOf(store, session);
	const known = costsKnown(view);
	const cdr = reached(view, 'CDR_AVAILABLE');
	const details = cdr ? transactionDetails(store, session, view, figures.costs.totalCosts) : null;
	return {
		view,
		pm,
		details,
		common: {
			chargeSessionId: session.id,
			status: view.status,
			paymentMethod: pm ? paymentMethodModel(store, pm) : null,
			startTime: utc(session.history?.startTime ?? view.chargingFrom ?? session.createdAt),
			endTime: view.endTime === undefined ? null : utc(view.endTime),
			retailCostInclVat: known ? figures.costs.totalCosts : null,
			currency: 'EUR',
			energyInKwh: figures.energyInKwh ?? 0,
			vatAmount: known ? figures.costs.totalVat : null,
			vatPercentage: cdr ? VAT_PERCENTAGE : null,
			prioritySessionEnabled: session.priority,
			paymentConfirmationTime: details?.paymentConfirmationTime ?? null,
		},
	};
}

/** `SessionHistoryModel` (GET /token/{appToken}/sessions). */
export function historyV1(store: CaStore, session: CaSession, now = Date.now()): Json {
	const { common, view } = historyBase(store, session, now);
	const { chargeSessionId, status, ...rest } = common;
	const location = findLocation(store, session.locationId);
	return {
		chargeSessionId,
		status,
		location: location ? locationModel(store, location, { now, appToken: session.appToken }) : null,
		evseUid: session.evseUid,
		connectorId: session.connectorId,
		...rest,
		hasMoreDetails: reached(view, 'CDR_AVAILABLE'),
		vidStatus: sessionVidStatus(store, session),
	};
}

/** `SessionHistoryV2Model` (GET /v2.1/token/{appToken}/sessions). */
export function historyV2(store: CaStore, session: CaSession, now = Date.now()): Json {
	const { common, details } = historyBase(store, session, now);
	const place = sessionLocation(store, session);
	return {
		...common,
		paymentStatus: details?.paymentStatus ?? null,
		locationSummary: {
			locationId: session.locationId,
			evseUid: session.evseUid,
			connectorId: session.connectorId,
			...place,
		},
		vidStatus: sessionVidStatus(store, session),
		co2Saved: round(Number(common.energyInKwh) * 0.4, 2),
	};
}
