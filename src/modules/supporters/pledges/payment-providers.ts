/**
 * How Hearth asks a payment provider to take a pledge. A provider takes the supporter somewhere else to pay (or tells
 * them how to pay), so no card or bank details ever reach Hearth: it keeps only the provider's own reference.
 */
export interface PledgeToStart {
  reference: string;
  amountPence: number;
  frequency: 'one-off' | 'monthly';
}

export interface PaymentProvider {
  name: string;
  /** Registers the pledge with the provider. Returns the provider's reference for it, if it has one. */
  start(pledge: PledgeToStart): Promise<{ providerReference: string | null }>;
  /** What the supporter does next, in plain words: for an online provider, a link to its payment page. */
  howToPay(pledge: PledgeToStart): string[];
  /** Stops a monthly pledge at the provider (for the manual provider, the supporter cancels their standing order). */
  cancel(pledge: PledgeToStart): Promise<void>;
}

/** The demo charity's bank details: plainly fictional, and not a real account. */
export const DEMO_BANK = { name: 'Hearth Family Rights Charity (demo)', sortCode: '00-00-00', account: '00000000' };

/**
 * Offline payment: the supporter pays by bank transfer or standing order quoting the pledge reference, and staff
 * record each payment as it reaches the bank. It needs no contract with anyone, so every deployment can take pledges.
 */
export const manualProvider: PaymentProvider = {
  name: 'manual',
  async start() {
    return { providerReference: null };
  },
  howToPay(pledge) {
    const amount = `£${(pledge.amountPence / 100).toFixed(2)}`;
    return [
      pledge.frequency === 'monthly'
        ? `Set up a monthly standing order of ${amount} with your bank, using the details below.`
        : `Make a bank transfer of ${amount} using the details below.`,
      `Account name: ${DEMO_BANK.name}. Sort code: ${DEMO_BANK.sortCode}. Account number: ${DEMO_BANK.account}.`,
      `Use the reference ${pledge.reference}, so that we know the payment is yours.`,
    ];
  },
  async cancel() {
    // Nothing to stop on our side: the supporter's own bank holds the standing order.
  },
};
