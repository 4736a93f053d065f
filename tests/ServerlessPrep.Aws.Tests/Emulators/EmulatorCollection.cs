namespace ServerlessPrep.Aws.Tests.Emulators;

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulators";
}
