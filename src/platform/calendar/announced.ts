/**
 * Bank holidays as GOV.UK announced them for its "england-and-wales" division (www.gov.uk/bank-holidays), 2018 to the
 * end of 2027. England and Wales share one list; each nation still has its own copy in `bank-holidays.ts`, so that a
 * day declared for one of them alone can be added there without touching the other.
 *
 * When GOV.UK announces a later year, add it here, move `ANNOUNCED_UNTIL` on, and run `npx hearth holidays`.
 */
export interface BankHoliday {
  /** YYYY-MM-DD. */
  date: string;
  title: string;
}

export const ANNOUNCED_UNTIL = '2027-12-31';

export const ANNOUNCED_ENGLAND_AND_WALES: readonly BankHoliday[] = [
  { date: '2018-01-01', title: 'New Year’s Day' },
  { date: '2018-03-30', title: 'Good Friday' },
  { date: '2018-04-02', title: 'Easter Monday' },
  { date: '2018-05-07', title: 'Early May bank holiday' },
  { date: '2018-05-28', title: 'Spring bank holiday' },
  { date: '2018-08-27', title: 'Summer bank holiday' },
  { date: '2018-12-25', title: 'Christmas Day' },
  { date: '2018-12-26', title: 'Boxing Day' },

  { date: '2019-01-01', title: 'New Year’s Day' },
  { date: '2019-04-19', title: 'Good Friday' },
  { date: '2019-04-22', title: 'Easter Monday' },
  { date: '2019-05-06', title: 'Early May bank holiday' },
  { date: '2019-05-27', title: 'Spring bank holiday' },
  { date: '2019-08-26', title: 'Summer bank holiday' },
  { date: '2019-12-25', title: 'Christmas Day' },
  { date: '2019-12-26', title: 'Boxing Day' },

  { date: '2020-01-01', title: 'New Year’s Day' },
  { date: '2020-04-10', title: 'Good Friday' },
  { date: '2020-04-13', title: 'Easter Monday' },
  // Moved from Monday 4 May for the 75th anniversary of VE Day.
  { date: '2020-05-08', title: 'Early May bank holiday (VE day)' },
  { date: '2020-05-25', title: 'Spring bank holiday' },
  { date: '2020-08-31', title: 'Summer bank holiday' },
  { date: '2020-12-25', title: 'Christmas Day' },
  { date: '2020-12-28', title: 'Boxing Day (substitute day)' },

  { date: '2021-01-01', title: 'New Year’s Day' },
  { date: '2021-04-02', title: 'Good Friday' },
  { date: '2021-04-05', title: 'Easter Monday' },
  { date: '2021-05-03', title: 'Early May bank holiday' },
  { date: '2021-05-31', title: 'Spring bank holiday' },
  { date: '2021-08-30', title: 'Summer bank holiday' },
  { date: '2021-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2021-12-28', title: 'Boxing Day (substitute day)' },

  { date: '2022-01-03', title: 'New Year’s Day (substitute day)' },
  { date: '2022-04-15', title: 'Good Friday' },
  { date: '2022-04-18', title: 'Easter Monday' },
  { date: '2022-05-02', title: 'Early May bank holiday' },
  // The spring bank holiday moved from Monday 30 May for the Platinum Jubilee, and a day was added beside it.
  { date: '2022-06-02', title: 'Spring bank holiday' },
  { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' },
  { date: '2022-08-29', title: 'Summer bank holiday' },
  { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2022-12-26', title: 'Boxing Day' },
  { date: '2022-12-27', title: 'Christmas Day (substitute day)' },

  { date: '2023-01-02', title: 'New Year’s Day (substitute day)' },
  { date: '2023-04-07', title: 'Good Friday' },
  { date: '2023-04-10', title: 'Easter Monday' },
  { date: '2023-05-01', title: 'Early May bank holiday' },
  { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
  { date: '2023-05-29', title: 'Spring bank holiday' },
  { date: '2023-08-28', title: 'Summer bank holiday' },
  { date: '2023-12-25', title: 'Christmas Day' },
  { date: '2023-12-26', title: 'Boxing Day' },

  { date: '2024-01-01', title: 'New Year’s Day' },
  { date: '2024-03-29', title: 'Good Friday' },
  { date: '2024-04-01', title: 'Easter Monday' },
  { date: '2024-05-06', title: 'Early May bank holiday' },
  { date: '2024-05-27', title: 'Spring bank holiday' },
  { date: '2024-08-26', title: 'Summer bank holiday' },
  { date: '2024-12-25', title: 'Christmas Day' },
  { date: '2024-12-26', title: 'Boxing Day' },

  { date: '2025-01-01', title: 'New Year’s Day' },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },

  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' },

  { date: '2027-01-01', title: 'New Year’s Day' },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
];

/**
 * The days that broke the usual rules, as changes to what the rules give: checked by the tests, so that the rules and
 * the announced list cannot drift apart unnoticed.
 */
export const ONE_OFF_CHANGES: readonly { date: string; change: 'added' | 'removed'; why: string }[] = [
  { date: '2020-05-04', change: 'removed', why: 'the early May bank holiday moved to VE day' },
  { date: '2020-05-08', change: 'added', why: 'VE day' },
  { date: '2022-05-30', change: 'removed', why: 'the spring bank holiday moved for the Platinum Jubilee' },
  { date: '2022-06-02', change: 'added', why: 'the spring bank holiday, moved' },
  { date: '2022-06-03', change: 'added', why: 'the Platinum Jubilee' },
  { date: '2022-09-19', change: 'added', why: 'the State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', change: 'added', why: 'the coronation of King Charles III' },
];
