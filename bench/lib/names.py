"""Names for the seeded contacts; `python3 names.py terms` prints the search terms the search phase uses
(the last names without accents, so each search also exercises accent-insensitive matching)."""
import sys
import unicodedata

FIRST_NAMES = """Lucía María Martina Sofía Julia Paula Valeria Emma Daniela Carla Alba Noa Alma Sara Carmen Ana Laura
Irene Elena Marta Hugo Martín Lucas Mateo Leo Daniel Alejandro Pablo Manuel Álvaro Adrián David Mario Enzo Diego
Marcos Izan Javier Marco Álex Bruno Oliver Miguel Thiago Antonio Marc Carlos Ángel Juan Gonzalo José Jorge Iker
Sergio Nicolás Rodrigo Raúl Andrés Íñigo Joaquín Ramón Begoña Nuria Rocío Inés Pilar Teresa Rosa Cristina""".split()

LAST_NAMES = """García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz
Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez
Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido
Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña
Flores Cabrera Campos Vega Fuentes Carrasco Díez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo
Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román
Pastor Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas""".split()

STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist", "other"]


def unaccent(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()


if __name__ == "__main__" and sys.argv[1:] == ["terms"]:
    print("\n".join(sorted({unaccent(n) for n in LAST_NAMES})))
