# crime-permutations: The observed ratio against random reassignments of the installation dates
# Re-run in this folder with: gnuplot chart-crime-permutations.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-crime-permutations.svg'
set title "The observed ratio against random reassignments of the installation dates\nSample City: did reported crime change where the cameras went up?\n2021-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set xlabel 'incidents relative to expected, all incidents (log scale)'
set ylabel 'reassignments'
set logscale x
set xrange [0.845452:1.1828]
set yrange [0:146.2]
set xtics ("0.9" 0.9, "1" 1, "1.1" 1.1)
set arrow 1 from first 0.8543701903, graph 0 to first 0.8543701903, graph 1 nohead front lw 3 lc rgb '#D55E00'
set arrow 2 from first 1.170452822, graph 0 to first 1.170452822, graph 1 nohead front lw 2 dt 2 lc rgb '#D55E00'
set label 3 "observed: 0.854" at first 0.8543701903, graph 0.95 left offset 1,0 textcolor rgb '#D55E00'
set label 4 'as far the other way' at first 1.170452822, graph 0.88 right offset -1,0 textcolor rgb '#D55E00'
set style fill solid 0.7 border -1
plot 'chart-crime-permutations.dat' using 3:($4/2):1:2:(0):4 with boxxyerror lc rgb '#0072B2' notitle
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-crime-permutations.png'
replot
set output
