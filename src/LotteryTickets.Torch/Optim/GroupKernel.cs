namespace LotteryTickets.Torch.Optim;

/// <summary>
/// A native optimizer step over one group: parameter handles, three in/out state handle
/// arrays, the step counts and the parameter count; returns the native status.
/// </summary>
internal unsafe delegate int GroupKernel(IntPtr* parameters, IntPtr* state0, IntPtr* state1, IntPtr* state2, long* steps, long count);
