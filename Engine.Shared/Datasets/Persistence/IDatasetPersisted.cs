namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// What a dataset entity writes to its journal and snapshot store: bound to <see cref="DatasetJournalSerializer"/>,
/// so it is stored as JSON under a stable manifest name (<see cref="DatasetJournalManifests"/>), never as a CLR type
/// name that a rename would break.
/// </summary>
internal interface IDatasetPersisted;
