package io.hiraku.schema;

/**
 * The background map of the dataset pages that show their places on a map ({@code map:} in catalog.yaml): a
 * tile URL template with {@code {z}}, {@code {x}} and {@code {y}}, whose the map is ({@code attribution}, which
 * every tile provider asks to be shown) and where that is said ({@code attributionUrl}). Default: the
 * Geospatial Information Authority of Japan's standard map (地理院タイル); {@code tiles: ""} shows no maps.
 */
public record MapTiles(String tiles, String attribution, String attributionUrl) {
    public static final MapTiles GSI = new MapTiles("https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png",
            "地理院タイル", "https://maps.gsi.go.jp/development/ichiran.html");

    public MapTiles {
        tiles = tiles == null ? "" : tiles.strip();
        attribution = attribution == null ? "" : attribution.strip();
        attributionUrl = attributionUrl == null ? "" : attributionUrl.strip();
        if (!tiles.isEmpty()) {
            if (!(tiles.startsWith("https://") || tiles.startsWith("http://") || tiles.startsWith("/"))
                    || !tiles.contains("{z}") || !tiles.contains("{x}") || !tiles.contains("{y}")) {
                throw new DefinitionException("catalog.yaml: map.tiles '" + tiles + "' is not a tile URL template such "
                        + "as https://tile.openstreetmap.org/{z}/{x}/{y}.png (or \"\" for no maps)");
            }
            if (attribution.isEmpty()) {
                throw new DefinitionException("catalog.yaml: map.attribution is missing: say whose map the tiles are "
                        + "(e.g. © OpenStreetMap contributors), as their provider asks");
            }
            if (!attributionUrl.isEmpty() && !attributionUrl.startsWith("https://") && !attributionUrl.startsWith("http://")) {
                throw new DefinitionException("catalog.yaml: map.attributionUrl '" + attributionUrl + "' is not an "
                        + "http(s) URL");
            }
        }
    }

    /** Whether dataset pages show maps at all. */
    public boolean shown() {
        return !tiles.isEmpty();
    }
}
