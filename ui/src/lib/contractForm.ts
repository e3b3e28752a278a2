// The contract form's draft (strings as typed) and its checks. The backend
// checks again on save and names the field when it refuses.
import type { Contract, ContractForm } from "../bindings";
import { emailOk } from "./identifiers";
import { isIsoDate } from "./dates";

export type ContractDraft = {
  number: string;
  kind: ContractForm["kind"];
  customerNumber: string;
  billingEntity: string;
  invoiceDelivery: ContractForm["invoiceDelivery"];
  invoiceAddress: string;
  startsOn: string;
  endsOn: string;
  renewal: ContractForm["renewal"];
  noticeMonths: string;
  // Months of each renewed term; empty is 12.
  renewalMonths: string;
};

export type ContractField = keyof ContractDraft;
export type ContractProblem = "required" | "date" | "email" | "order" | "months";


export function emptyContractDraft(customerNumber = ""): ContractDraft {
  return {
    number: "", kind: "maintenance", customerNumber, billingEntity: "", invoiceDelivery: "paper", invoiceAddress: "",
    startsOn: "", endsOn: "", renewal: "tacit", noticeMonths: "3", renewalMonths: "",
  };
}

export function draftFromContract(c: Contract): ContractDraft {
  const f = c.form;
  return {
    number: f.number, kind: f.kind, customerNumber: f.customerNumber, billingEntity: f.billingEntity,
    invoiceDelivery: f.invoiceDelivery, invoiceAddress: f.invoiceAddress, startsOn: f.startsOn ?? "", endsOn: f.endsOn ?? "",
    renewal: f.renewal, noticeMonths: f.noticeMonths === null ? "" : String(f.noticeMonths),
    renewalMonths: f.renewalMonths === null ? "" : String(f.renewalMonths),
  };
}

export function formFromDraft(d: ContractDraft): ContractForm {
  const months = d.noticeMonths.trim();
  const term = d.renewalMonths.trim();
  return {
    number: d.number.trim(), kind: d.kind, customerNumber: d.customerNumber.trim(), billingEntity: d.billingEntity.trim(),
    invoiceDelivery: d.invoiceDelivery, invoiceAddress: d.invoiceAddress.trim(),
    startsOn: d.startsOn.trim() || null, endsOn: d.endsOn.trim() || null, renewal: d.renewal,
    noticeMonths: months === "" ? null : Number(months),
    renewalMonths: term === "" ? null : Number(term),
  };
}

export function checkContract(d: ContractDraft): Partial<Record<ContractField, ContractProblem>> {
  const out: Partial<Record<ContractField, ContractProblem>> = {};
  if (d.number.trim() === "") out.number = "required";
  const starts = d.startsOn.trim();
  const ends = d.endsOn.trim();
  if (starts !== "" && !isIsoDate(starts)) out.startsOn = "date";
  if (ends !== "" && !isIsoDate(ends)) out.endsOn = "date";
  if (!out.startsOn && !out.endsOn && starts !== "" && ends !== "" && ends < starts) out.endsOn = "order";
  if (d.invoiceDelivery === "email" && !emailOk(d.invoiceAddress)) out.invoiceAddress = "email";
  const months = d.noticeMonths.trim();
  if (months !== "" && !(/^\d{1,3}$/.test(months) && Number(months) <= 120)) out.noticeMonths = "months";
  const term = d.renewalMonths.trim();
  if (term !== "" && !(/^\d{1,3}$/.test(term) && Number(term) >= 1 && Number(term) <= 120)) out.renewalMonths = "months";
  return out;
}

// The PO number in force: the newest (a later one would have closed it). Its period
// may have a known end, set for the reminder of the next PO.
export function currentPo(c: Contract) {
  return c.poNumbers[0] ?? null;
}
