package io.hibernatecas.core;

public enum Color { RED, GREEN, BLUE }
