import { searchChargeStations } from './searchChargeStations';
import { searchLocations } from './searchLocations';

/** List-search methods of the GreenFlux node (`methods.listSearch`), named in resource locators. */
export const listSearch = { searchChargeStations, searchLocations };

export type ListSearchMethod = keyof typeof listSearch;
