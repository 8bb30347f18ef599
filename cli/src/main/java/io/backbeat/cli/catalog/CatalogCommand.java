package io.backbeat.cli.catalog;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backbeat catalog}: the music catalogue from the Spotify Web API. */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "Extracts the music catalogue (artists, their albums and singles, the albums' tracks) from the"
                + " Spotify Web API into files the pipeline loads as the catalog dataset.",
        subcommands = {CatalogExtractCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  backbeat catalog extract --artist-ids artists.txt --out out/catalog",
            "  backbeat help catalog extract"})
public final class CatalogCommand {}
