using ActorQueue.Storage;
using ActorQueue.Storage.Postgres;
using Npgsql;

namespace ActorQueue.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void A_url_gives_host_port_user_password_and_database()
    {
        var settings = PostgresConnectionStrings.Parse("postgres://aq:p%40ss%3Aw%2Frd@db.internal:6432/jobs");

        Assert.Equal(("db.internal", 6432, "aq", "p@ss:w/rd", "jobs"), (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database));
        Assert.Equal("postgres://aq@db.internal:6432/jobs", PostgresConnectionStrings.Describe(settings));
    }

    [Fact]
    public void A_url_without_port_or_database_uses_libpq_defaults()
    {
        var settings = PostgresConnectionStrings.Parse("postgresql://worker@localhost");

        Assert.Equal((5432, "worker"), (settings.Port, settings.Database));
        Assert.Null(settings.Password);
    }

    [Fact]
    public void Url_options_take_libpq_names_and_npgsql_keywords()
    {
        var settings = PostgresConnectionStrings.Parse("postgres://u:p@[::1]:5433/d?sslmode=verify-full&connect_timeout=3&application_name=seed&Maximum%20Pool%20Size=7");

        Assert.Equal("::1", settings.Host);
        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal(3, settings.Timeout);
        Assert.Equal("seed", settings.ApplicationName);
        Assert.Equal(7, settings.MaxPoolSize);
    }

    [Fact]
    public void A_connection_string_is_accepted_as_it_is()
    {
        var settings = PostgresConnectionStrings.Parse("Host=pg;Port=5432;Username=aq;Password=secret;Database=aq");

        Assert.Equal("postgres://aq@pg:5432/aq", PostgresConnectionStrings.Describe(settings));
        Assert.True(StoreFactory.IsPostgres("Host=pg;Username=aq"));
    }

    [Fact]
    public void A_bad_url_option_is_named_without_repeating_the_url()
    {
        var exception = Assert.Throws<StoreUnavailableException>(() => PostgresConnectionStrings.Parse("postgres://u:topsecret@h/d?no_such_option=1"));

        Assert.Contains("'no_such_option'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", exception.Message, StringComparison.Ordinal);
    }
}
