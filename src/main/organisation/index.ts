/** The organisation being assessed. */
export { readOrganisation, updateOrganisation } from './organisation';
