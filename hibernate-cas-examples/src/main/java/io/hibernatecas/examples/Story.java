package io.hibernatecas.examples;

/** One story of the demo: prints its steps and says whether it ended as it should. */
interface Story {

    String title();

    boolean run();
}
