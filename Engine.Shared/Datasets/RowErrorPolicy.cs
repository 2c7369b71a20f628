namespace ActorQueue.Datasets;

/// <summary>What a dataset does with a row its processor rejects.</summary>
public enum RowErrorPolicy
{
    /// <summary>Stop the dataset at that row with the error; <c>resume</c> continues after a fix.</summary>
    Fail,

    /// <summary>Record the error in the dataset's errors and go on with the next row.</summary>
    Skip,
}
