namespace LotteryTickets.Datasets.Cifar;

/// <summary>Which of CIFAR-100's two labels to use.</summary>
public enum CifarLabelKind
{
    /// <summary>The 100 fine classes (the second label byte of each record).</summary>
    Fine,

    /// <summary>The 20 coarse superclasses (the first label byte of each record).</summary>
    Coarse,
}
