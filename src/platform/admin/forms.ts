import { ROLES } from '../roles.js';
import { checkboxes, choice, defineForm, email, optionalChoice, text, type FieldError } from '../validation.js';

export const ORGANISATION_KINDS = ['charity', 'local-authority', 'partner-agency'] as const;

export const ORGANISATION_KIND_NAMES: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  charity: 'Charity',
  'local-authority': 'Local authority',
  'partner-agency': 'Partner agency',
};

export interface OrganisationWithTeams {
  id: string;
  name: string;
  kind: string;
  teams: { id: string; name: string }[];
}

/**
 * Organisation and team are chosen from the ones that exist: an id typed into a crafted request would otherwise reach
 * the database as a foreign key that points nowhere.
 */
function placeFields(organisations: readonly OrganisationWithTeams[]) {
  return {
    organisationId: optionalChoice(
      organisations.map((o) => o.id),
      { invalid: 'Choose an organisation from the list' },
    ),
    teamId: optionalChoice(
      organisations.flatMap((o) => o.teams.map((t) => t.id)),
      { invalid: 'Choose a team from the list' },
    ),
  };
}

const rolesField = checkboxes(ROLES, { required: 'Select at least one role', invalid: 'Select roles from the list' });

export function inviteForm(organisations: readonly OrganisationWithTeams[]) {
  return defineForm({
    email: email({ required: 'Enter their email address' }),
    displayName: text({ required: 'Enter their name', maxLength: 100, label: 'Name' }),
    roles: rolesField,
    ...placeFields(organisations),
  });
}

export function personForm(organisations: readonly OrganisationWithTeams[]) {
  return defineForm({
    roles: rolesField,
    ...placeFields(organisations),
    status: choice(['active', 'disabled'] as const, { required: 'Select whether the account is active or disabled' }),
  });
}

export const organisationForm = defineForm({
  name: text({ required: 'Enter the organisation’s name', maxLength: 200, label: 'Name' }),
  kind: choice(ORGANISATION_KINDS, { required: 'Select what kind of organisation it is' }),
});

export const teamForm = defineForm({
  name: text({ required: 'Enter the team’s name', maxLength: 200, label: 'Team name' }),
});

export const TEAM_MISMATCH: FieldError = {
  field: 'teamId',
  text: 'Choose a team that belongs to the chosen organisation, or no team',
};

/** The choices for the organisation and team selects; a team is named with its organisation, since names repeat. */
export function placeItems(organisations: readonly OrganisationWithTeams[]) {
  return {
    organisationItems: [{ value: '', text: 'None' }, ...organisations.map((o) => ({ value: o.id, text: o.name }))],
    teamItems: [
      { value: '', text: 'None' },
      ...organisations.flatMap((o) => o.teams.map((t) => ({ value: t.id, text: `${o.name}: ${t.name}` }))),
    ],
  };
}
