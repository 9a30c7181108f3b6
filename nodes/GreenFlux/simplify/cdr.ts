import type { IDataObject } from 'n8n-workflow';

import { firstOf, objectOf, valueOf } from './values';

/**
 * One flat row per CDR with what an invoicing flow needs. Every key is always present (null when
 * GreenFlux did not send the value), so rows line up in spreadsheets and databases.
 * GreenFlux names: total_cost = wholesale excl. VAT, total_retail_cost = retail (driver price) excl. VAT;
 * currency is the wholesale currency, retail_currency the retail one; total_time and total_parking_time are hours.
 */
export function simplifyCdr(cdr: IDataObject): IDataObject {
	const location = objectOf(cdr.location);
	const evse = firstOf(location.evses);
	return {
		id: valueOf(cdr.id),
		start_date_time: valueOf(cdr.start_date_time),
		stop_date_time: valueOf(cdr.stop_date_time),
		energy_kwh: valueOf(cdr.total_energy),
		wholesale_cost_excl_vat: valueOf(cdr.total_cost),
		wholesale_cost_incl_vat: valueOf(cdr.total_cost_incl_vat),
		currency: valueOf(cdr.currency),
		retail_cost_excl_vat: valueOf(cdr.total_retail_cost),
		retail_cost_incl_vat: valueOf(cdr.total_retail_cost_incl_vat),
		retail_currency: valueOf(cdr.retail_currency),
		total_time_hours: valueOf(cdr.total_time),
		parking_time_hours: valueOf(cdr.total_parking_time),
		auth_id: valueOf(cdr.auth_id),
		token_uid: valueOf(cdr.token_uid),
		token_visual_number: valueOf(cdr.token_visual_number),
		customer_external_id: valueOf(cdr.customer_external_id),
		driver_external_id: valueOf(cdr.driver_external_id),
		emsp_country_code: valueOf(cdr.emsp_country_code),
		emsp_party_id: valueOf(cdr.emsp_party_id),
		cpo_id: valueOf(cdr.cpo_id),
		location_name: valueOf(location.name),
		location_address: valueOf(location.address),
		location_city: valueOf(location.city),
		location_country: valueOf(location.country),
		evse_uid: valueOf(evse.uid),
		evse_id: valueOf(evse.evse_id),
	};
}
