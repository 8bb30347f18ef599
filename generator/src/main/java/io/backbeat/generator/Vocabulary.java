package io.backbeat.generator;

/**
 * The words rows are made of. Besides plain ASCII they hold accents, other scripts and emoji, and a few
 * entries that need CSV quoting ({@code ,} or {@code "}), because real exports do. No artist name holds
 * the artist separator {@code ;}.
 */
final class Vocabulary {
    static final String[] FIRST_NAMES = {
        "Norma", "Jorge", "Elizabeth", "Susan", "James", "Maria", "David", "Linda", "Michael", "Sarah",
        "Robert", "Karen", "Thomas", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Sandra",
        "Mark", "Ashley", "Steven", "Emily", "Paul", "Donna", "Andrew", "Michelle", "Joshua", "Carol",
        "José", "Zoë", "Chloé", "Søren", "Łukasz", "Ngọc Anh", "Алексей", "さくら", "伟", "Émilie",
        "Aoife", "Jürgen", "Nuño", "François", "Björn", "Priya", "Oluwaseun", "Mateus", "Ayşe", "Thảo",
        "민준", "Фатима", "Kwame", "Ingrid", "Rafael", "Siobhán", "Dmitri", "Amélie", "Kenji", "Leilani",
    };
    static final String[] LAST_NAMES = {
        "Fisher", "Sullivan", "Woods", "Wagner", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis",
        "Wilson", "Moore", "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson",
        "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill",
        "Müller", "García", "Nguyễn", "O'Brien", "Øvergaard", "Dubois", "佐藤", "김", "Иванов", "Kowalski",
        "Da Silva", "Yılmaz", "Ó Súilleabháin", "Van der Berg", "Okafor", "Haddad", "Schröder", "Pérez",
        "D'Angelo", "Lindqvist", "Tanaka", "Mbeki", "Novák", "Fernández", "Reyes", "Kim", "Patel", "Čapek",
    };
    static final String[] NICKNAMES = {"DJ", "Lefty", "The Kid", "Bass", "Mx"};
    static final String[] EMOJI = {"🎧", "🎸", "🔥", "🌙", "❤️", "🎶", "✨"};

    /** Countries with the United States first: it gets the largest share, as in the lab sample. */
    static final String[] COUNTRIES = {
        "United States", "United Kingdom", "Canada", "Australia", "Ireland", "New Zealand", "Germany",
        "France", "Brazil", "México", "Japan", "Côte d'Ivoire", "Türkiye", "Curaçao", "Réunion",
        "São Tomé and Príncipe", "Korea, Republic of", "España", "Sverige", "India", "Nigeria", "中国",
    };

    /** About a hundred genres, lower-case ASCII as transform normalizes them. */
    static final String[] GENRES = {
        "acoustic", "afrobeat", "alt-rock", "alternative", "ambient", "anime", "black-metal", "bluegrass",
        "blues", "brazil", "breakbeat", "british", "cantopop", "chicago-house", "children", "chill",
        "classical", "club", "comedy", "country", "dance", "dancehall", "death-metal", "deep-house",
        "detroit-techno", "disco", "disney", "drum-and-bass", "dub", "dubstep", "edm", "electro",
        "electronic", "emo", "folk", "forro", "french", "funk", "garage", "german", "gospel", "goth",
        "grindcore", "groove", "grunge", "guitar", "happy", "hard-rock", "hardcore", "hardstyle",
        "heavy-metal", "hip hop", "honky-tonk", "house", "idm", "indian", "indie-pop", "indie",
        "industrial", "iranian", "j-dance", "j-idol", "j-pop", "j-rock", "jazz", "k-pop", "kids", "latin",
        "latino", "malay", "mandopop", "metal", "metalcore", "minimal-techno", "mpb", "new-age", "opera",
        "pagode", "party", "piano", "pop", "pop-film", "power-pop", "progressive-house", "psych-rock",
        "punk", "punk-rock", "r-n-b", "reggae", "reggaeton", "rock", "rock-n-roll", "rockabilly",
        "romance", "sad", "salsa", "samba", "sertanejo", "show-tunes", "singer-songwriter", "ska",
        "sleep", "soul", "spanish", "study", "swedish", "synth-pop", "tango", "techno", "trance",
        "trip-hop", "turkish", "world-music",
    };

    /** Real-looking artists that exercise encoding and quoting; generated names follow them. */
    static final String[] NOTABLE_ARTISTS = {
        "Sigur Rós", "Beyoncé", "Mötley Crüe", "坂本龍一", "BTS (방탄소년단)", "Björk", "宇多田ヒカル",
        "Ólafur Arnalds", "Earth, Wind & Fire", "Tyler, The Creator", "Guns N' Roses", "Motörhead",
        "Los Tigres del Norte", "The \"Real\" Tuesday Weld", "Hélène Ségara", "Кино", "Natalia Lafourcade",
        "AC/DC", "!!!", "Sade", "🌙 Moon Crew", "Zé Ramalho", "Daði Freyr", "Ibrahim Ferrer",
    };
    static final String[] ARTIST_ADJECTIVES = {
        "Electric", "Northern", "Quiet", "Golden", "Crimson", "Velvet", "Midnight", "Neon", "Silver",
        "Broken", "Paper", "Echo", "Nova", "Wild", "Lunar", "Hollow", "Bright", "Distant", "Lost", "Royal",
    };
    static final String[] ARTIST_NOUNS = {
        "Ghosts", "Rivers", "Engines", "Kings", "Wolves", "Shadows", "Dreams", "Waves", "Lights",
        "Foxes", "Hearts", "Machines", "Tigers", "Sparrows", "Saints", "Giants", "Owls", "Comets",
    };

    static final String[] TITLE_WORDS = {
        "Home", "Gone", "Road", "Light", "Time", "Fire", "Forever", "Summer", "Night", "Love", "Wild",
        "Rain", "Heart", "Dance", "Stars", "Ocean", "City", "Dream", "Golden", "Blue", "Midnight", "Echo",
        "River", "Morning", "Shadow", "Highway", "Paper", "Silver", "Money", "Sugar", "Thunder", "Angel",
        "Window", "Garden", "Letter", "Memory", "Tonight", "Electric", "Paradise", "Stranger", "Hold",
        "Run", "Falling", "Wonder", "Lonely", "Sunday", "Chains", "Lights", "Story", "Ghost", "Youth",
        "Corazón", "Sehnsucht", "Café", "Noël", "Ça Va", "夜空", "さよなら", "Сердце", "Mañana", "Saudade",
        "Lágrimas", "Één", "Ñandú", "❤️", "🌙", "Fjörður", "Été", "Żal",
    };
    static final String[] TITLE_SUFFIXES = {
        " - Remastered 2011", " (Live)", " (feat. Nova Rivers)", " - Radio Edit", " (Acoustic)",
        ", Pt. 2", " (Deluxe Edition)", ", Vol. 1",
    };

    private Vocabulary() {}
}
