namespace LotteryTickets.Criteria;

/// <summary>Which weights a sign filter favours.</summary>
public enum SignFilter
{
    /// <summary>Weights whose final sign equals their initial sign: sign(w_i) = sign(w_f).</summary>
    SameSign,

    /// <summary>Weights whose final sign differs from their initial sign: sign(w_i) ≠ sign(w_f).</summary>
    DifferentSign,
}
