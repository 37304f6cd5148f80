package io.hibernatecas.examples;

/** Command-line options of the demo. */
record Options(String jdbcUrl, String user, String password, int threads, int increments, int signUps) {

    static final String USAGE = "usage: Demo [--jdbc-url URL] [--user USER] [--password PASSWORD] [--threads N] "
            + "[--increments N] [--sign-ups N]";

    static Options parse(String[] args) {
        String url = "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1";
        String user = "sa";
        String password = "";
        int threads = 8;
        int increments = 100;
        int signUps = 16;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--jdbc-url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--threads" -> threads = positive(name, value);
                case "--increments" -> increments = positive(name, value);
                case "--sign-ups" -> signUps = positive(name, value);
                default -> throw new IllegalArgumentException("Unknown option '" + name + "'");
            }
        }
        return new Options(url, user, password, threads, increments, signUps);
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a whole number > 0");
    }
}
