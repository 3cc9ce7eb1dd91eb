/**
 * Fetches `/billing/export.csv` with the bearer token (a plain link cannot carry the header) and saves it
 * through a temporary object URL.
 */
export async function downloadBillingCsv(
  params: { from: string; to: string; customerId: string | null },
  accessToken: string | null,
  doc: Document = document,
): Promise<string> {
  const query = new URLSearchParams({ from: params.from, to: params.to });
  if (params.customerId) query.set('customerId', params.customerId);
  const response = await fetch(`/billing/export.csv?${query.toString()}`, {
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
  });
  if (!response.ok) {
    let message = `The export failed (HTTP ${response.status}).`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `conveyor-billing-${params.from}-${params.to}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
