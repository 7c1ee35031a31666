namespace WasteMovements.Domain.Notifications.Pops;

/// <summary>
/// One persistent organic pollutant the waste contains (Stockholm Art. 6(1)(d); EU 2019/1021 Annex IV): its code in
/// the POP limits table (pop-limits.json, e.g. PCB, PFOS, PBDEs) and its concentration in mg/kg of waste.
/// </summary>
public sealed record PopContent(string Substance, decimal ConcentrationMgPerKg);
