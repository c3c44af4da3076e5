namespace LotteryTickets.Torch.Tests;

/// <summary>Bad input to an op is an exception naming the operation and the problem, never a crash.</summary>
public class OpErrorTests
{
    private static Tensor Matrix(long rows, long cols) => Tensor.Arange(rows * cols, ScalarType.Float64).View(rows, cols);

    private static void ThrowsTorch(TestDelegate action, string operation, params string[] fragments)
    {
        var ex = Assert.Throws<TorchException>(action)!;
        Assert.That(ex.Operation, Is.EqualTo(operation));
        Assert.That(ex.Message, Does.StartWith($"{operation} failed: "));
        foreach (var f in fragments)
        {
            Assert.That(ex.Message, Does.Contain(f).IgnoreCase);
        }
    }

    [Test]
    public void MultiplyingMatricesOfIncompatibleShapesNamesBothShapes()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(2, 3).MatMul(Matrix(2, 3)), "MatMul", "cannot be multiplied", "2x3 and 2x3");
        ThrowsTorch(() => Matrix(2, 3).Mm(Matrix(2, 3)), "Mm", "cannot be multiplied");
    }

    [Test]
    public void IndexSelectWithFloatIndicesIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).IndexSelect(0, Tensor.FromArray(new[] { 0.0, 1.0 })), "IndexSelect", "index", "int");
    }

    [Test]
    public void GatherWithAnIndexOutOfRangeNamesTheIndex()
    {
        using var scope = DisposeScope.Begin();
        var index = Tensor.FromArray(new long[] { 0, 7, 1 }, 3, 1);
        ThrowsTorch(() => Matrix(3, 4).Gather(1, index), "Gather", "index 7 is out of bounds", "size 4");
    }

    [Test]
    public void ScatterWithAnIndexOutOfRangeIsRejected()
    {
        using var scope = DisposeScope.Begin();
        var index = Tensor.FromArray(new long[] { 9 }, 1, 1);
        ThrowsTorch(() => Matrix(3, 4).Scatter(1, index, 1.0), "Scatter", "out of bounds");
        ThrowsTorch(() => Matrix(3, 4).ScatterAdd_(1, index, Matrix(1, 1)), "ScatterAdd_", "out of bounds");
    }

    [Test]
    public void IndexSelectWithAnIndexOutOfRangeIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).IndexSelect(0, Tensor.FromArray(new long[] { 3 })), "IndexSelect", "out of range");
    }

    [Test]
    public void SelectingPastTheEndNamesTheIndexAndSize()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).Select(0, 5), "Select", "index 5 out of range");
    }

    [Test]
    public void NarrowingPastTheEndIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).Narrow(1, 2, 5), "Narrow", "exceeds dimension size");
    }

    [Test]
    public void ADimensionOutOfRangeIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).Sort(2), "Sort", "dimension out of range");
        ThrowsTorch(() => Matrix(3, 4).Split(2, 5), "Split", "dimension out of range");
        ThrowsTorch(() => Matrix(3, 4).Gather(3, Tensor.Zeros([1, 1], ScalarType.Int64)), "Gather", "dimension out of range");
    }

    [Test]
    public void CatOfMismatchedShapesNamesTheSizes()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Tensor.Cat([Matrix(2, 3), Matrix(3, 4)], 1), "Cat", "sizes of tensors must match");
        ThrowsTorch(() => Tensor.Stack([Matrix(2, 3), Matrix(3, 2)]), "Stack", "stack expects each tensor to be equal size");
    }

    [Test]
    public void CatOfNoTensorsOrANullTensorIsAnArgumentError()
    {
        using var scope = DisposeScope.Begin();
        var empty = Assert.Throws<ArgumentException>(() => Tensor.Cat([]))!;
        Assert.That(empty.Message, Does.Contain("'tensors' is empty"));
        var hole = Assert.Throws<ArgumentException>(() => Tensor.Stack([Matrix(1, 1), null!]))!;
        Assert.That(hole.Message, Does.Contain("position 1 of 'tensors' is null"));
        Assert.Throws<ArgumentNullException>(() => Tensor.Cat(null!));
    }

    [Test]
    public void TopKLargerThanTheDimensionIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).TopK(5), "TopK", "k", "out of range");
        ThrowsTorch(() => Matrix(3, 4).KthValue(5), "KthValue", "out of range");
    }

    [Test]
    public void AMaskThatIsNotBoolIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(2, 2).MaskedFill(Tensor.Ones([2, 2]), 0), "MaskedFill", "mask must be a bool tensor", "Float");
        ThrowsTorch(() => Matrix(2, 2).MaskedFill_(Tensor.Ones([2, 2], ScalarType.Int64), 0), "MaskedFill_", "mask must be a bool tensor");
        ThrowsTorch(() => Matrix(2, 2).MaskedSelect(Tensor.Ones([2, 2])), "MaskedSelect", "bool");
        ThrowsTorch(() => Matrix(2, 2).MaskedScatter(Tensor.Ones([2, 2]), Matrix(2, 2)), "MaskedScatter", "bool");
    }

    [Test]
    public void SplitSizesThatDoNotAddUpAreRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).Split([1, 2], 1), "Split", "sum exactly to 4");
        Assert.Throws<ArgumentException>(() => Matrix(3, 4).Split([], 1));
        ThrowsTorch(() => Matrix(3, 4).Chunk(0), "Chunk", "greater than 0");
    }

    [Test]
    public void ASliceStepThatIsNotPositiveIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(3, 4).Slice(1, 0, 4, 0), "Slice", "step must be positive");
    }

    [Test]
    public void RollWithDifferentNumbersOfShiftsAndDimensionsIsAnArgumentError()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<ArgumentException>(() => Matrix(3, 4).Roll([1, 2], [0]))!;
        Assert.That(ex.Message, Does.Contain("2 shifts for 1 dimensions"));
    }

    [Test]
    public void IndexingWithTooManyIndicesIsRejected()
    {
        using var scope = DisposeScope.Begin();
        var i = Tensor.FromArray(new long[] { 0 }, 1);
        ThrowsTorch(() => Matrix(3, 4).Index(i, i, i), "Index", "too many indices");
        ThrowsTorch(() => Matrix(3, 4).IndexPut_([i, Tensor.FromArray(new long[] { 4 }, 1)], Tensor.Ones([1], ScalarType.Float64)), "IndexPut_", "index 4 is out of bounds");
    }

    [Test]
    public void ADisposedTensorIsObjectDisposedBeforeAnyNativeCall()
    {
        using var scope = DisposeScope.Begin();
        var x = Matrix(3, 4);
        var index = Tensor.Zeros([1, 1], ScalarType.Int64);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => x.Gather(1, index));
        Assert.Throws<ObjectDisposedException>(() => Tensor.Cat([x, index]));
        x.Dispose();
        Assert.That(x.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => x.Sort());
        Assert.Throws<ObjectDisposedException>(() => x.Split(2));
        Assert.Throws<ObjectDisposedException>(() => x.Flip(0));
    }

    [Test]
    public void ANullArgumentIsArgumentNull()
    {
        using var scope = DisposeScope.Begin();
        var x = Matrix(3, 4);
        Assert.That(Assert.Throws<ArgumentNullException>(() => x.Gather(1, null!))!.ParamName, Is.EqualTo("index"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => x.MaskedFill(null!, 0))!.ParamName, Is.EqualTo("mask"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => x.Scatter(1, Tensor.Zeros([1, 1], ScalarType.Int64), (Tensor)null!))!.ParamName, Is.EqualTo("source"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => x.Flip(null!))!.ParamName, Is.EqualTo("dims"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => x.AllClose(null!))!.ParamName, Is.EqualTo("other"));
    }

    [Test]
    public void ComparingTensorsOfIncompatibleShapesIsRejected()
    {
        using var scope = DisposeScope.Begin();
        ThrowsTorch(() => Matrix(2, 3).AllClose(Matrix(3, 2)), "AllClose", "size of tensor a (3) must match");
        Assert.That(Matrix(2, 3).Equal(Matrix(3, 2)), Is.False);
    }

    [Test]
    public void FailedOpsLeaveNoTensorsBehind()
    {
        using var outer = DisposeScope.Begin();
        var x = Matrix(3, 4);
        var y = Matrix(1, 1);
        var before = Tensor.LiveCount;
        Assert.Throws<TorchException>(() => x.TopK(9));
        Assert.Throws<TorchException>(() => x.Split([1, 1], 1));
        Assert.Throws<TorchException>(() => x.Chunk(-1));
        Assert.Throws<TorchException>(() => Tensor.Cat([x, y]));
        Assert.Throws<TorchException>(() => x.Sort(7));
        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }
}
