/** Partners that send webhooks, with the environment variable holding each one's signing secret. */
const PARTNERS: Record<string, string> = {
  northwind: 'NORTHWIND_WEBHOOK_SECRET',
  contoso: 'CONTOSO_WEBHOOK_SECRET',
  fabrikam: 'FABRIKAM_WEBHOOK_SECRET',
};

/** One secret per partner, so a leak affects one partner only (ADR 4). */
export function partnerSecret(partnerId: string): string | undefined {
  const variable = PARTNERS[partnerId];
  return variable ? process.env[variable] : undefined;
}
