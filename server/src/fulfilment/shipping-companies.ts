import type { Clock } from '../common/clock.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { ShippingCompanyRef, UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import { carrierKey } from './dispatch-write.js';

/** How long an integration's list of Unleashed shipping companies is reused: every call counts against the account's monthly quota. */
export const SHIPPING_COMPANIES_TTL_MS = 60 * 60_000;
/** A carrier not in the list re-reads a list older than this once per pass, so a company just added in Unleashed is found soon. */
export const SHIPPING_COMPANIES_RECHECK_MS = 5 * 60_000;

interface Directory {
  apiId: string;
  fetchedAt: number;
  /** carrierKey(name) → the company */
  byKey: Map<string, ShippingCompanyRef>;
}

/**
 * The Unleashed account's shipping companies (Settings → Shipping Companies, `GET /ShippingCompanies`),
 * read at most once per `SHIPPING_COMPANIES_TTL_MS` per integration and process, and only when a
 * dispatch has a carrier to write. CartonCloud's carrier names are matched case- and space-insensitively.
 */
export class ShippingCompanyCache {
  private readonly directories = new Map<string, Directory>();

  constructor(private readonly clock: Clock) {}

  /** The lookup one fulfilment pass of one integration uses. */
  forPass(integrationId: string, apiId: string, unleashed: Pick<UnleashedClient, 'listShippingCompanies'>): CarrierLookup {
    return new CarrierLookup(this, integrationId, apiId, unleashed);
  }

  /** @internal the cached list, when it is for this Unleashed account and young enough */
  cached(integrationId: string, apiId: string, maxAgeMs: number): Directory | null {
    const directory = this.directories.get(integrationId);
    return directory && directory.apiId === apiId && this.clock.now().getTime() - directory.fetchedAt < maxAgeMs ? directory : null;
  }

  /** @internal reads the list from Unleashed and keeps it */
  async load(integrationId: string, apiId: string, unleashed: Pick<UnleashedClient, 'listShippingCompanies'>): Promise<Directory> {
    const companies = await unleashed.listShippingCompanies();
    const byKey = new Map<string, ShippingCompanyRef>();
    for (const company of companies) {
      if (company.Obsolete || !company.Name) continue;
      byKey.set(carrierKey(company.Name), { Guid: company.Guid, Name: company.Name });
    }
    const directory = { apiId, fetchedAt: this.clock.now().getTime(), byKey };
    this.directories.set(integrationId, directory);
    return directory;
  }
}

/**
 * One pass's carrier matching: shares one read of the list between the pass's concurrent writes, and
 * keeps what it found for the pass's verdict (CARRIERS_UNKNOWN raised with `unknown`, cleared when every
 * carrier matched).
 */
export class CarrierLookup {
  /** carrier names (as CartonCloud wrote them) with no shipping company in Unleashed, in writes that went through */
  readonly unknown = new Set<string>();
  /** carriers written as a shipping company this pass */
  matched = 0;
  /** why the list could not be read (the carrier is then left as it is); null when it could */
  unavailable: string | null = null;
  private loading: Promise<Directory | null> | null = null;
  private rechecked = false;

  constructor(
    private readonly cache: ShippingCompanyCache,
    private readonly integrationId: string,
    private readonly apiId: string,
    private readonly unleashed: Pick<UnleashedClient, 'listShippingCompanies'>,
  ) {}

  /**
   * The account's shipping company for CartonCloud's carrier name: the company, null when the account has
   * none of that name, undefined when the list could not be read. Refused credentials and the quota
   * (the write would fail anyway) are thrown; nothing else about the carrier ever fails a write.
   */
  async match(carrier: string): Promise<ShippingCompanyRef | null | undefined> {
    let directory = await this.directory(false);
    let found = directory?.byKey.get(carrierKey(carrier));
    if (directory && !found && !this.rechecked && !this.cache.cached(this.integrationId, this.apiId, SHIPPING_COMPANIES_RECHECK_MS)) {
      this.rechecked = true;
      directory = await this.directory(true);
      found = directory?.byKey.get(carrierKey(carrier));
    }
    if (!directory) return undefined;
    return found ?? null;
  }

  /** A write carrying `carrier` went through: `company` is what it was written as (null: none of that name, so not written). */
  written(carrier: string, company: ShippingCompanyRef | null | undefined): void {
    if (company) this.matched += 1;
    else if (company === null) this.unknown.add(carrier);
  }

  private directory(refresh: boolean): Promise<Directory | null> {
    if (refresh) this.loading = null;
    this.loading ??= this.read(refresh);
    return this.loading;
  }

  private async read(refresh: boolean): Promise<Directory | null> {
    const cached = refresh ? null : this.cache.cached(this.integrationId, this.apiId, SHIPPING_COMPANIES_TTL_MS);
    if (cached) return cached;
    try {
      return await this.cache.load(this.integrationId, this.apiId, this.unleashed);
    } catch (error) {
      if (error instanceof ProviderError && ['credentials-rejected', 'slow-down'].includes(actionFor(error))) {
        this.loading = null; // not remembered: the caller's write fails and is retried
        throw error;
      }
      this.unavailable = error instanceof Error ? error.message : String(error);
      return null;
    }
  }
}
