import { round } from '../random';
import type { Json } from '../seed';
import type { CaConnector } from './seedLocations';

/**
 * The sandbox's Charge Assist prices (incl. 21 % VAT, EUR): AC €0.35/kWh; DC €0.59/kWh + €0.50 start fee;
 * home chargers €0.25/kWh. Wholesale = retail excl. VAT × 0.8. Session costs are computed from the same.
 */
export const VAT_PERCENTAGE = 21;

export interface Prices {
	energy: number;
	flat: number;
}

export function pricesOf(connector: CaConnector | undefined): Prices {
	if (connector?.tariffId === 'GFX-HOME') return { energy: 0.25, flat: 0 };
	if (connector?.powerType === 'DC') return { energy: 0.59, flat: 0.5 };
	return { energy: 0.35, flat: 0 };
}

/** The costs of a session (incl. VAT) with its cost breakdown lines. */
export function costsOf(prices: Prices, energyInKwh: number) {
	const items = [
		{ dimension: 'ENERGY', price: prices.energy, quantity: energyInKwh, unit: 'KWH' },
		...(prices.flat ? [{ dimension: 'FLAT', price: prices.flat, quantity: 1, unit: 'MONEY' }] : []),
	].map((item) => ({
		...item,
		unroundedCost: item.price * item.quantity,
		roundedCost: round(item.price * item.quantity, 2),
	}));
	const totalCosts = round(
		items.reduce((sum, item) => sum + item.roundedCost, 0),
		2,
	);
	return { items, totalCosts, totalVat: vatOf(totalCosts) };
}

export const vatOf = (inclVat: number) => round(inclVat - inclVat / (1 + VAT_PERCENTAGE / 100), 2);

function components(prices: Prices, factor: number): Json[] {
	const component = (type: string, price: number) => ({
		price: round(price * factor, 2),
		priceUnrounded: round(price * factor, 6),
		type,
		stepSize: 1,
		vat: VAT_PERCENTAGE,
		restrictions: null,
	});
	return [
		component('ENERGY', prices.energy),
		...(prices.flat ? [component('FLAT', prices.flat)] : []),
	];
}

/** A `TariffModel` (retail incl. VAT, or wholesale excl. VAT). */
export function tariffModel(prices: Prices, type: 'RETAIL' | 'WHOLESALE'): Json {
	const retail = type === 'RETAIL';
	const factor = retail ? 1 : 0.8 / (1 + VAT_PERCENTAGE / 100);
	const energy = round(prices.energy * factor, 2);
	const text = `€${energy.toFixed(2)} per kWh${prices.flat ? ` + €${round(prices.flat * factor, 2).toFixed(2)} per session` : ''}${retail ? ' incl. VAT' : ' excl. VAT'}`;
	return {
		tariffType: type,
		vatPercentage: VAT_PERCENTAGE,
		currency: 'EUR',
		isVatIncluded: retail,
		countryCode: 'NLD',
		descriptionUrl: '',
		descriptions: [{ language: 'en', text }],
		elements: [{ priceComponents: components(prices, factor) }],
		validFrom: '2026-01-01T00:00:00.0000000',
		validTo: null,
	};
}
