import { toCsv } from '../../../platform/csv.js';
/**
 * Gift Aid: what a declaration must hold for HMRC, and the claim schedule that Charities Online accepts.
 * General information about HMRC's rules, checked against its guidance in November 2026.
 */

/** The charity's name in the declaration wording. A deployment changes it with the bank details. */
export const CHARITY_NAME = 'Hearth Family Rights Charity (demo)';

/**
 * HMRC's model wording asks the donor to confirm both that they are a UK taxpayer and that they understand they must
 * pay any shortfall if their tax is less than the Gift Aid claimed. Bump the version whenever the text changes.
 */
export const GIFT_AID_WORDING = {
  version: '2026-11-a',
  text:
    `I want to Gift Aid my donation, and any donations I make in the future or have made in the past 4 years, to ${CHARITY_NAME}. ` +
    'I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax in the current tax year than the ' +
    'amount of Gift Aid claimed on all my donations, it is my responsibility to pay any difference.',
} as const;

/** The columns of HMRC's Gift Aid donations schedule, in its order. */
export const SCHEDULE_COLUMNS = [
  'Title',
  'First name',
  'Last name',
  'House name or number',
  'Postcode',
  'Aggregated donations',
  'Sponsored event',
  'Donation date',
  'Amount',
] as const;

export interface ClaimLine {
  title: string;
  firstName: string;
  lastName: string;
  houseNameOrNumber: string;
  postcode: string;
  /** 'YYYY-MM-DD'. */
  donationDate: string;
  amountPence: number;
}

const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** HMRC wants capitals with one space before the last three characters, such as S19 2BD. Null if it is not a postcode. */
export function normalisePostcode(raw: string): string | null {
  const match = UK_POSTCODE.exec(raw.trim().toUpperCase().replace(/\s+/g, ' '));
  return match ? `${match[1]} ${match[2]}` : null;
}

/** DD/MM/YY, as the schedule asks. */
export function scheduleDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year!.slice(2)}`;
}

/**
 * The schedule as CSV, to paste into HMRC's spreadsheet. HMRC's limits: title up to 4 characters, names up to 35, a
 * double-barrelled surname with a space instead of the hyphen, amounts with 2 decimal places and no pound sign.
 * Aggregated donations and sponsored events are left blank: every line is one named donor's donations.
 */
export function claimScheduleCsv(lines: ClaimLine[]): string {
  const rows = lines.map((line) => [
    line.title.slice(0, 4),
    line.firstName.slice(0, 35),
    line.lastName.replace(/-/g, ' ').slice(0, 35),
    line.houseNameOrNumber.slice(0, 40),
    normalisePostcode(line.postcode) ?? line.postcode.toUpperCase(),
    '',
    '',
    scheduleDate(line.donationDate),
    (line.amountPence / 100).toFixed(2),
  ]);
  return toCsv([SCHEDULE_COLUMNS, ...rows]);
}
