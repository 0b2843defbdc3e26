/**
 * Mandatory mentions about the parties: names, addresses, SIREN, VAT numbers, the NDA of a
 * training organisation, the bank details to pay to, and the self-billing mandate.
 */
import {
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
  maskIban,
  sirenOf,
} from './identifiers';
import {
  isCreditNote,
  isSelfBilled,
  partyFieldSource,
  type InvoiceDocument,
  type Party,
} from './invoice';
import { msg } from '../texts';
import type { LocalizedText } from './language';
import { FIELDS, allVat, blank, describe, invalid, missing, type Role } from './mention-problems';
import type { Money } from './money';
import type { Problem, SourceRef } from './problem';

/** Name, address, SIREN and VAT number of the seller or the buyer. */
export function checkParty(
  party: Party,
  role: Role,
  invoice: InvoiceDocument,
  problems: Problem[],
): void {
  const src = (field: LocalizedText): SourceRef => partyFieldSource(party, field);
  if (blank(party.name))
    problems.push(missing(`${role}.name`, describe(FIELDS.name, role), src(FIELDS.name)));
  if (party.addressLines.every((l) => blank(l))) {
    problems.push(missing(`${role}.address`, describe(FIELDS.address, role), src(FIELDS.address)));
  }
  if (blank(party.postcode)) {
    problems.push(
      missing(`${role}.postcode`, describe(FIELDS.postcode, role), src(FIELDS.postcode)),
    );
  }
  if (blank(party.city))
    problems.push(missing(`${role}.city`, describe(FIELDS.city, role), src(FIELDS.city)));
  if (blank(party.country)) {
    problems.push(missing(`${role}.country`, describe(FIELDS.country, role), src(FIELDS.country)));
  } else if (!/^[A-Z]{2}$/.test(party.country)) {
    problems.push(
      invalid(
        `${role}.country`,
        describe(FIELDS.country, role),
        src(FIELDS.country),
        party.country,
        msg('mention.country-code'),
      ),
    );
  }

  const sirenField =
    party.source.tab === 'settings'
      ? FIELDS.siren
      : party.source.tab === 'providers'
        ? FIELDS.siret
        : FIELDS.sirenOrSiret;
  const needsSiren = party.country === 'FR' && (role === 'seller' || party.kind === 'organisation');
  const siren = sirenOf(party);
  if (needsSiren && siren === undefined) {
    problems.push(missing(`${role}.siren`, describe(FIELDS.siren, role), src(sirenField)));
  } else if (siren !== undefined && !isValidSiren(siren)) {
    problems.push(
      invalid(
        `${role}.siren`,
        describe(FIELDS.siren, role),
        src(sirenField),
        siren,
        msg('mention.siren-check'),
      ),
    );
  }
  if (!blank(party.siret) && !isValidSiret(party.siret ?? '')) {
    problems.push(
      invalid(
        `${role}.siret`,
        describe(FIELDS.siret, role),
        src(FIELDS.siret),
        party.siret ?? '',
        msg('mention.siret-check'),
      ),
    );
  }

  const categories = allVat(invoice).map((v) => v.category);
  const needsVatNumber =
    role === 'seller'
      ? categories.some((c) => c === 'S' || c === 'Z' || c === 'AE' || c === 'K' || c === 'G')
      : categories.some((c) => c === 'AE' || c === 'K');
  if (blank(party.vatNumber)) {
    if (needsVatNumber)
      problems.push(
        missing(`${role}.vatNumber`, describe(FIELDS.vatNumber, role), src(FIELDS.vatNumber)),
      );
  } else if (!isValidVatNumber(party.vatNumber ?? '')) {
    problems.push(
      invalid(
        `${role}.vatNumber`,
        describe(FIELDS.vatNumber, role),
        src(FIELDS.vatNumber),
        party.vatNumber ?? '',
      ),
    );
  }
}

/**
 * What only the seller needs: NDA for exempt training, IBAN and BIC when something is to be paid
 * (`amountDue` undefined when the amounts could not be computed), the self-billing mandate.
 */
export function checkSellerSpecifics(
  invoice: InvoiceDocument,
  amountDue: Money | undefined,
  problems: Problem[],
): void {
  const seller = invoice.seller;
  const src = (field: LocalizedText): SourceRef => partyFieldSource(seller, field);
  if (invoice.lines.some((l) => l.vat.exemption === 'formation') && blank(seller.nda)) {
    problems.push(missing('seller.nda', describe(FIELDS.nda, 'seller'), src(FIELDS.nda)));
  }
  const paymentExpected =
    !isCreditNote(invoice.kind) && (amountDue === undefined || amountDue.isPositive());
  if (blank(seller.iban)) {
    if (paymentExpected)
      problems.push(missing('seller.iban', describe(FIELDS.iban, 'seller'), src(FIELDS.iban)));
  } else if (!isValidIban(seller.iban ?? '')) {
    // Only a masked IBAN goes into messages (SPEC §8: no IBAN in logs).
    problems.push(
      invalid(
        'seller.iban',
        describe(FIELDS.iban, 'seller'),
        src(FIELDS.iban),
        maskIban(seller.iban ?? ''),
      ),
    );
  }
  if (blank(seller.bic)) {
    if (paymentExpected)
      problems.push(missing('seller.bic', describe(FIELDS.bic, 'seller'), src(FIELDS.bic)));
  } else if (!isValidBic(seller.bic ?? '')) {
    problems.push(
      invalid('seller.bic', describe(FIELDS.bic, 'seller'), src(FIELDS.bic), seller.bic ?? ''),
    );
  }
  if (isSelfBilled(invoice.kind)) {
    const mandate = seller.selfBillingMandateSignedOn;
    if (mandate === undefined) {
      problems.push(
        missing('seller.selfBillingMandateSignedOn', FIELDS.mandate, src(FIELDS.mandate)),
      );
    } else if (invoice.issueDate !== undefined && mandate > invoice.issueDate) {
      problems.push(
        invalid(
          'seller.selfBillingMandateSignedOn',
          FIELDS.mandate,
          src(FIELDS.mandate),
          mandate,
          msg('mention.mandate-after-issue'),
        ),
      );
    }
  }
}
